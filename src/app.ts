import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import cors from '@koa/cors';
import { useContainer as useValidatorContainer } from 'class-validator';
import Koa from 'koa';
import helmet from 'koa-helmet';
import { useContainer as useRoutingContainer, useKoaServer } from 'routing-controllers';
import type { Server as SocketServer } from 'socket.io';
import { Container } from 'typedi';
import { AuthController } from './auth/auth.controller';
import { AuthorizationChecker } from './auth/authorization-checker';
import { createChatServer } from './chat/chat-server';
import { RoomsController } from './chat/rooms.controller';
import { bodyParser } from './common/middleware/body-parser.middleware';
import { errorHandler } from './common/middleware/error-handler.middleware';
import { requestContext } from './common/middleware/request-context.middleware';
import { createLogger, LOGGER, type Logger } from './common/logger';
import { STRICT_VALIDATION } from './common/validation/validator-options';
import type { AppConfig } from './config/app-config';
import { APP_CONFIG } from './config/app-config.token';
import { HealthController } from './health/health.controller';
import { LegacyController } from './legacy/legacy.controller';
import { UsersController } from './users/users.controller';

export interface App {
  koa: Koa;
  /** Not listening yet: main.ts (or a test) decides where. */
  server: Server;
  /** socket.io, on the same server and port as Koa. */
  io: SocketServer;
  logger: Logger;
  close(): Promise<void>;
}

/**
 * Builds the whole service around one typedi container: Koa with routing-controllers for HTTP,
 * socket.io with socket-controllers for chat.
 * The database connection is the caller's (main.ts or the test harness), so this stays pure wiring.
 */
export function createApp(config: AppConfig, logger: Logger = createLogger(config.logLevel)): App {
  // A fresh set of singletons per app, so tests never share state through the container.
  Container.reset();
  Container.set(APP_CONFIG, config);
  Container.set(LOGGER, logger);
  useRoutingContainer(Container);
  // class-validator asks the container for its own classes, which typedi 0.10 does not know:
  // fall back to constructing them itself.
  useValidatorContainer(Container, { fallback: true, fallbackOnErrors: true });

  const koa = new Koa({ proxy: config.http.trustProxy });
  const checker = Container.get(AuthorizationChecker);
  const allowedOrigins = new Set(config.corsOrigins);

  koa.use(requestContext(logger));
  koa.use(errorHandler());
  koa.use(helmet());
  koa.use(cors({ origin: (ctx) => (allowedOrigins.has(ctx.get('Origin')) ? ctx.get('Origin') : ''), maxAge: 600 }));
  for (const middleware of bodyParser(config.http.bodyLimit)) koa.use(middleware);

  useKoaServer(koa, {
    controllers: [AuthController, UsersController, RoomsController, LegacyController, HealthController],
    defaultErrorHandler: false,
    classTransformer: true,
    validation: STRICT_VALIDATION,
    authorizationChecker: checker.checkAction,
    currentUserChecker: checker.currentPrincipal,
  });

  const server = createServer(koa.callback());
  // Slow clients cannot hold a connection (and a worker's memory) open indefinitely.
  server.requestTimeout = config.http.requestTimeoutMs;
  server.headersTimeout = Math.min(config.http.requestTimeoutMs, 60_000);
  const chat = createChatServer(server, config, logger);

  return {
    koa,
    server,
    io: chat.io,
    logger,
    // Closing socket.io closes the HTTP server it is attached to as well.
    close: () => chat.close(),
  };
}
