import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { SocketControllers } from 'socket-controllers';
import { Server } from 'socket.io';
import type { ContainerInstance } from 'typedi';
import { isAllowedOrigin } from '../common/http/own-origin';
import { LOGGER, type Logger } from '../common/logger';
import { APP_CONFIG } from '../config/app-config.token';
import { ConnectionSocketController } from './connection.socket-controller';
import { answerUnknownEvents } from './unknown-events';
import { REALTIME_MAX_EVENT_BYTES } from './realtime.constants';
import { SocketAuthMiddleware } from './socket-auth.middleware';
import type { SocketFeature } from './socket-feature';
import { SOCKET_SERVER } from './socket-server.token';
import { SocketRevocationListener } from './socket-revocation.listener';
import { TokenExpiryTimers } from './token-expiry.timers';

/** Sent to every client of an instance that is shutting down, just before its connection is closed. */
export const SERVER_SHUTDOWN_EVENT = 'server:shutdown';

export interface RealtimeServer {
  io: Server;
  /**
   * Tells this instance's clients it is going away (`server:shutdown` { reconnect: true }) and
   * closes their transports: socket.io clients see "transport close" and reconnect on their own,
   * through the load balancer, to an instance that is still up.
   */
  goAway(): void;
  /** Disconnects every local socket, closes socket.io, the HTTP server it is attached to, and Redis. */
  close(): Promise<void>;
}

/** The socket-controllers classes serving `features`: the transport's own first, then each feature's. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- socket-controllers types controllers as Function
export function socketControllersOf(features: readonly SocketFeature[]): Function[] {
  return [ConnectionSocketController, ...features.flatMap((feature) => feature.controllers)];
}

/**
 * socket.io on the app's HTTP server, wired with socket-controllers and the app's own container
 * (which already holds APP_CONFIG and LOGGER): this is part of the composition root. Every
 * connection is authenticated (SocketAuthMiddleware) and lives as ConnectionSocketController
 * says; the features' own controllers come from `features`.
 */
export function createSocketServer(
  httpServer: HttpServer,
  container: ContainerInstance,
  features: readonly SocketFeature[],
): RealtimeServer {
  const config = container.get(APP_CONFIG);
  const logger = container.get(LOGGER);
  const originPolicy = { corsOrigins: config.corsOrigins, trustProxy: config.http.trustProxy };
  const io = new Server(httpServer, {
    serveClient: false,
    cors: { origin: [...config.corsOrigins], maxAge: 600 },
    // CORS headers only advise browsers; this refuses the handshake itself. The page's own origin
    // always passes (the client served at /), other sites when CORS_ORIGINS lists them. Clients
    // that send no Origin (servers, mobile apps) are not browsers acting for another site.
    allowRequest: (request, callback) => {
      callback(null, request.headers.origin === undefined || isAllowedOrigin(request, originPolicy));
    },
    maxHttpBufferSize: Math.max(REALTIME_MAX_EVENT_BYTES, ...features.map((feature) => feature.maxEventBytes)),
  });
  container.set(SOCKET_SERVER, io);
  const redis = config.redisUrl ? attachRedisAdapter(io, config.redisUrl, logger) : undefined;

  answerUnknownEvents(io, logger);
  new SocketControllers({
    io,
    container,
    middlewares: [SocketAuthMiddleware],
    controllers: socketControllersOf(features),
    transformOption: { transform: false },
  });

  const revocations = container.get(SocketRevocationListener);
  const expiry = container.get(TokenExpiryTimers);
  revocations.start();

  return {
    io,
    goAway: () => {
      io.local.emit(SERVER_SHUTDOWN_EVENT, { reconnect: true });
      for (const socket of io.of('/').sockets.values()) socket.conn.close();
    },
    close: async () => {
      revocations.stop();
      expiry.clearAll();
      io.local.disconnectSockets(true);
      for (const feature of features) await feature.drain?.(container);
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      await redis?.close();
    },
  };
}

function attachRedisAdapter(io: Server, url: string, logger: Logger): { close(): Promise<void> } {
  const pub = new Redis(url);
  const sub = pub.duplicate();
  for (const client of [pub, sub]) client.on('error', (error: Error) => logger.warn({ err: error }, 'redis adapter connection error'));
  io.adapter(createAdapter(pub, sub));
  return {
    close: async () => {
      await Promise.all([pub.quit().catch(() => undefined), sub.quit().catch(() => undefined)]);
    },
  };
}
