import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import cors from '@koa/cors';
import Koa from 'koa';
import { useContainer as useRoutingContainer, useKoaServer } from 'routing-controllers';
import type { Server as SocketServer } from 'socket.io';
import type { ContainerInstance } from 'typedi';
import { AdminUsersController } from './auth/admin/admin-users.controller';
import { RevocationChannel } from './auth/account-cache/revocation-channel';
import { AuthController } from './auth/auth.controller';
import { KoaAuthorization } from './auth/authorization/koa-authorization';
import { JwksController } from './auth/jwks.controller';
import { PasswordController } from './auth/password.controller';
import { chatSocketFeature } from './chat/chat.socket-feature';
import { RoomsController } from './chat/rooms.controller';
import type { Clock } from './common/clock';
import { createAppContainer, disposeAppContainer, perRequestContainer } from './common/app-container';
import { createLogger, type Logger } from './common/logger';
import type { ClassType } from './common/openapi/api-route.decorator';
import { answerClientErrorsAsProblems } from './common/http/client-error.handler';
import { isAllowedOrigin } from './common/http/own-origin';
import { securityHeaders } from './common/http/security-headers';
import { bodyParser } from './common/middleware/body-parser.middleware';
import { errorHandler } from './common/middleware/error-handler.middleware';
import { requestContext } from './common/middleware/request-context.middleware';
import { RateLimiterFactory } from './common/rate-limit/rate-limiter.factory';
import { STRICT_VALIDATION } from './common/validation/validator-options';
import type { AppConfig } from './config/app-config';
import { HealthController } from './health/health.controller';
import { RedisProbe } from './health/redis-probe';
import { ShutdownState } from './lifecycle/shutdown-state';
import { AppMetrics } from './metrics/app-metrics';
import { MetricsController } from './observability/metrics.controller';
import { observeRequests } from './observability/request-observer';
import { observeRevocations } from './observability/revocation-observer';
import { observeSockets } from './observability/socket-observer';
import { RevocationEvents } from './security/revocation-events';
import { LegacyController } from './legacy/legacy.controller';
import { ApiDocumentsController } from './openapi/api-documents.controller';
import { API_DOCUMENTS } from './openapi/api-documents.token';
import { loadAsyncApiDocument } from './openapi/asyncapi-document';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { serveApiDocs } from './openapi/swagger-ui.middleware';
import type { SocketFeature } from './realtime/socket-feature';
import { createSocketServer } from './realtime/socket-server';
import { SessionPurger } from './sessions/session-purger';
import { SessionsController } from './sessions/sessions.controller';
import { UsersController } from './users/users.controller';
import { serveWebClient } from './web/serve-web-client';

/** Every HTTP controller; /openapi.json describes exactly these. */
export const HTTP_CONTROLLERS: readonly ClassType[] = [
  AuthController,
  SessionsController,
  JwksController,
  UsersController,
  PasswordController,
  AdminUsersController,
  RoomsController,
  LegacyController,
  HealthController,
  ApiDocumentsController,
  MetricsController,
];

/** Every socket feature; /asyncapi.json must list exactly the events their controllers handle. */
export const SOCKET_FEATURES: readonly SocketFeature[] = [chatSocketFeature];

// Built from decorator metadata, which no longer changes once the modules are loaded: once per process.
let openApiDocument: ReturnType<typeof buildOpenApiDocument> | undefined;

export interface App {
  koa: Koa;
  /** Not listening yet: main.ts (or a test) decides where. */
  server: Server;
  /** socket.io, on the same server and port as Koa. */
  io: SocketServer;
  logger: Logger;
  /** This app's services; tests use it to reach a service directly. */
  container: ContainerInstance;
  /** Tells socket clients this instance is going away and ends their connections (graceful shutdown). */
  announceShutdown(): void;
  close(): Promise<void>;
}

/**
 * Builds the whole service around one typedi container: Koa with routing-controllers for HTTP,
 * socket.io with socket-controllers for the socket features (chat).
 * The database connection is the caller's (main.ts or the test harness), so this stays pure wiring.
 */
export interface AppOptions {
  /** The time the services read (tests move it); the system clock by default. */
  clock?: Clock;
}

export function createApp(config: AppConfig, logger: Logger = createLogger(config.logLevel), options: AppOptions = {}): App {
  const container = createAppContainer(config, logger, options.clock);
  openApiDocument ??= buildOpenApiDocument(HTTP_CONTROLLERS);
  container.set(API_DOCUMENTS, { openapi: openApiDocument, asyncapi: loadAsyncApiDocument() });
  useRoutingContainer(perRequestContainer);

  // Behind proxies, ctx.ip is the entry our nearest trusted proxy saw, not the client's leftmost claim.
  const koa = new Koa({ proxy: config.http.trustProxy, maxIpsCount: config.http.trustedProxyHops });
  // Errors that escape the error middleware (a client that vanished mid-response) go to the log,
  // not to Koa's default stderr printer.
  koa.on('error', (error: unknown) => logger.warn({ err: error }, 'koa error outside a response'));
  const authorization = container.get(KoaAuthorization);
  const originPolicy = { corsOrigins: config.corsOrigins, trustProxy: config.http.trustProxy };
  const metrics = container.get(AppMetrics);

  koa.use(async (ctx, next) => {
    ctx.state.container = container;
    await next();
  });
  koa.use(container.get(ShutdownState).middleware());
  koa.use(requestContext(logger));
  koa.use(observeRequests(metrics));
  koa.use(errorHandler());
  koa.use(securityHeaders());
  koa.use(serveWebClient());
  koa.use(serveApiDocs());
  koa.use(cors({ origin: (ctx) => (isAllowedOrigin(ctx.req, originPolicy) ? ctx.get('Origin') : ''), maxAge: 600 }));
  for (const middleware of bodyParser(config.http.bodyLimit)) koa.use(middleware);

  useKoaServer(koa, {
    controllers: [...HTTP_CONTROLLERS],
    defaultErrorHandler: false,
    classTransformer: true,
    validation: STRICT_VALIDATION,
    authorizationChecker: authorization.checkAction,
    currentUserChecker: authorization.currentPrincipal,
  });

  // Expired sessions are purged on a timer (no TTL indexes); stopped when the app closes.
  const purger = container.get(SessionPurger);
  purger.start();
  const limiters = container.get(RateLimiterFactory);
  // With REDIS_URL: other instances' revocations reach this instance's account cache.
  const revocationChannel = container.get(RevocationChannel);
  revocationChannel.start();

  const server = createServer(koa.callback());
  answerClientErrorsAsProblems(server, logger);
  // Slow clients cannot hold a connection (and a worker's memory) open indefinitely.
  server.requestTimeout = config.http.requestTimeoutMs;
  server.headersTimeout = Math.min(config.http.requestTimeoutMs, 60_000);
  const sockets = createSocketServer(server, container, SOCKET_FEATURES);
  observeSockets(sockets.io, logger, metrics);
  observeRevocations(container.get(RevocationEvents), metrics);

  return {
    koa,
    server,
    io: sockets.io,
    logger,
    container,
    announceShutdown: () => sockets.goAway(),
    close: async () => {
      purger.stop();
      try {
        // Closing socket.io closes the HTTP server it is attached to as well.
        await sockets.close();
      } finally {
        await Promise.all([limiters.close(), revocationChannel.close(), container.get(RedisProbe).close()]);
        disposeAppContainer(container);
      }
    },
  };
}
