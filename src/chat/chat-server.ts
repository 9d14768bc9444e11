import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { SocketControllers } from 'socket-controllers';
import { Server } from 'socket.io';
import { Container } from 'typedi';
import type { Logger } from '../common/logger';
import type { AppConfig } from '../config/app-config';
import { ChatSocketController } from './chat.socket-controller';
import { SOCKET_MAX_BUFFER_BYTES } from './chat.constants';
import { MessageRateLimiter } from './message-rate-limiter';
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
 * socket.io on the app's HTTP server, wired with socket-controllers. Call after the app's
 * container holds APP_CONFIG and LOGGER: this is part of the composition root.
 */
export function createChatServer(httpServer: HttpServer, config: AppConfig, logger: Logger): ChatServer {
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
  Container.set(SOCKET_SERVER, io);
  const redis = config.redisUrl ? attachRedisAdapter(io, config.redisUrl, logger) : undefined;

  // socket-controllers asks its container for a controller on every event. The typedi Container
  // is process-wide and reset by every createApp(), so it would hand this app's sockets the
  // services of whichever app was created last (two apps share a process in the multi-instance
  // test). The instances are therefore resolved once, now, and pinned.
  const handlers = [SocketAuthMiddleware, SessionSocketController, ChatSocketController] as const;
  const pinned = new Map<Function, unknown>(handlers.map((handler) => [handler, Container.get<unknown>(handler)]));
  new SocketControllers({
    io,
    // The interface is generic over T; the map holds exactly one instance per class.
    container: { get: <T>(someClass: Function) => pinned.get(someClass) as T },
    middlewares: [SocketAuthMiddleware],
    controllers: [SessionSocketController, ChatSocketController],
    transformOption: { transform: false },
  });

  const revocations = Container.get(SocketRevocationListener);
  const expiry = Container.get(TokenExpiryTimers);
  const presence = Container.get(RoomPresence);
  const limiter = Container.get(MessageRateLimiter);
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
      await Promise.all([redis?.close(), limiter.close()]);
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
