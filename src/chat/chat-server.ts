import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { SocketControllers } from 'socket-controllers';
import { Server } from 'socket.io';
import type { ContainerInstance } from 'typedi';
import { LOGGER, type Logger } from '../common/logger';
import { APP_CONFIG } from '../config/app-config.token';
import { ChatSocketController } from './chat.socket-controller';
import { SOCKET_MAX_BUFFER_BYTES } from './chat.constants';
import { RoomPresence } from './room-presence';
import { SessionSocketController } from './session.socket-controller';
import { SocketAuthMiddleware } from './socket-auth.middleware';
import { SOCKET_SERVER } from './socket-server.token';
import { SocketRevocationListener } from './socket-revocation.listener';
import { TokenExpiryTimers } from './token-expiry.timers';

export interface ChatServer {
  io: Server;
  /** Disconnects every local socket, closes socket.io, the HTTP server it is attached to, and Redis. */
  close(): Promise<void>;
}

/**
 * socket.io on the app's HTTP server, wired with socket-controllers and the app's own container
 * (which already holds APP_CONFIG and LOGGER): this is part of the composition root.
 */
export function createChatServer(httpServer: HttpServer, container: ContainerInstance): ChatServer {
  const config = container.get(APP_CONFIG);
  const logger = container.get(LOGGER);
  const allowedOrigins = new Set(config.corsOrigins);
  const io = new Server(httpServer, {
    serveClient: false,
    cors: { origin: [...config.corsOrigins], maxAge: 600 },
    // CORS headers only advise browsers; this refuses the handshake itself. Clients that send no
    // Origin (servers, mobile apps) are not browsers acting for another site, and are let in.
    allowRequest: (request, callback) => {
      const origin = request.headers.origin;
      callback(null, origin === undefined || allowedOrigins.has(origin));
    },
    maxHttpBufferSize: SOCKET_MAX_BUFFER_BYTES,
  });
  container.set(SOCKET_SERVER, io);
  const redis = config.redisUrl ? attachRedisAdapter(io, config.redisUrl, logger) : undefined;

  new SocketControllers({
    io,
    container,
    middlewares: [SocketAuthMiddleware],
    controllers: [SessionSocketController, ChatSocketController],
    transformOption: { transform: false },
  });

  const revocations = container.get(SocketRevocationListener);
  const expiry = container.get(TokenExpiryTimers);
  const presence = container.get(RoomPresence);
  revocations.start();

  return {
    io,
    close: async () => {
      revocations.stop();
      expiry.clearAll();
      // Users still connected here leave their rooms first, so the other instances hear of it.
      io.local.disconnectSockets(true);
      await presence.idle();
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
