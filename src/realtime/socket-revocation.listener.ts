import type { Server } from 'socket.io';
import { Inject, Service } from 'typedi';
import { LOGGER, type Logger } from '../common/logger';
import { RevocationEvents } from '../security/revocation-events';
import { sessionRoom, userRoom } from './socket-rooms';
import { SOCKET_SERVER } from './socket-server.token';

/**
 * Disconnects the live sockets of revoked users and sessions. Goes through socket.io rooms, so
 * with the Redis adapter the sockets are found on every instance.
 */
@Service()
export class SocketRevocationListener {
  constructor(
    private readonly events: RevocationEvents,
    @Inject(SOCKET_SERVER) private readonly io: Server,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private readonly onUserRevoked = (userId: string): void => {
    this.logger.info({ userId }, 'disconnecting sockets of a revoked user');
    this.io.in(userRoom(userId)).disconnectSockets(true);
  };

  private readonly onSessionRevoked = (userId: string, sessionId: string): void => {
    this.logger.info({ userId, sessionId }, 'disconnecting sockets of a revoked session');
    this.io.in(sessionRoom(sessionId)).disconnectSockets(true);
  };

  /**
   * Called once per app; both objects live in that app's own container. stop() on close all the
   * same: an event emitted while the app shuts down must not reach a socket.io server that is
   * closing, and a stopped listener leaves nothing subscribed should anyone still hold the emitter.
   */
  start(): void {
    this.events.on('userRevoked', this.onUserRevoked);
    this.events.on('sessionRevoked', this.onSessionRevoked);
  }

  stop(): void {
    this.events.off('userRevoked', this.onUserRevoked);
    this.events.off('sessionRevoked', this.onSessionRevoked);
  }
}
