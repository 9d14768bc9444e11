import { ConnectedSocket, MessageAck, MessageBody, OnConnect, OnDisconnect, OnMessage, SocketController } from 'socket-controllers';
import type { Socket } from 'socket.io';
import { Inject, Service } from 'typedi';
import { AuthorizationChecker } from '../auth/authorization/authorization-checker';
import { normaliseToken } from '../auth/authorization/token-normalisation';
import { LOGGER, type Logger } from '../common/logger';
import { AuthRefreshDto } from './dto/auth-refresh.dto';
import { handshakeToken } from './handshake-token';
import { answer, isAck } from './socket-ack';
import { parsePayload } from './socket-payload';
import { sessionRoom, userRoom } from './socket-rooms';
import { TokenUserMismatchError } from './realtime.errors';
import { socketData, toSocketData } from './socket-data';
import { TokenExpiryTimers } from './token-expiry.timers';

/**
 * The life of an authenticated connection: greeting, token expiry and refresh. The handshake
 * itself was checked by SocketAuthMiddleware before any of this runs.
 */
@Service()
@SocketController()
export class ConnectionSocketController {
  constructor(
    private readonly checker: AuthorizationChecker,
    private readonly expiry: TokenExpiryTimers,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @OnConnect()
  async connected(@ConnectedSocket() socket: Socket): Promise<void> {
    const { user, sessionId, tokenExpiresAt } = socketData(socket);
    // These rooms let revocations reach every connection of a user or a session, on any instance.
    await socket.join([userRoom(user.id), sessionRoom(sessionId)]);
    // A revocation announced between the handshake's check and this join reached nobody: check
    // the token once more now that any later one will reach this socket.
    if (!(await this.handshakeTokenStillValid(socket))) return;
    this.expiry.arm(socket, tokenExpiresAt);
    socket.emit('authenticated', { user });
  }

  @OnDisconnect()
  disconnected(@ConnectedSocket() socket: Socket): void {
    this.expiry.clear(socket.id);
  }

  /** A newer access token for the same user pushes the connection's expiry back. */
  @OnMessage('auth:refresh')
  async refresh(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @MessageAck() ack: unknown): Promise<void> {
    await answer(ack, this.logger, 'auth:refresh', async () => {
      const token = normaliseToken(parsePayload(AuthRefreshDto, body).token);
      const principal = await this.checker.verify(token);
      const data = socketData(socket);
      if (principal.user.id !== data.user.id) throw new TokenUserMismatchError();
      const newSession = principal.token.sessionId;
      // The connection now lives on the new token's session: revoking that one must end it.
      await socket.join(sessionRoom(newSession));
      // Checked again after the join, for the same reason as on connect.
      await this.checker.verify(token);
      if (data.sessionId !== newSession) await socket.leave(sessionRoom(data.sessionId));
      socket.data = toSocketData(principal);
      this.expiry.arm(socket, socketData(socket).tokenExpiresAt);
      return { expiresAt: principal.token.expiresAt.toISOString() };
    });
  }

  /** Re-verifies the handshake token; a refused one ends the connection (fail closed). */
  private async handshakeTokenStillValid(socket: Socket): Promise<boolean> {
    try {
      await this.checker.verify(handshakeToken(socket));
      return true;
    } catch (error) {
      this.logger.info({ socketId: socket.id, code: (error as { code?: unknown }).code }, 'socket revoked while connecting');
      socket.disconnect(true);
      return false;
    }
  }

  /** The article's demo event, kept for its clients: logged and echoed back to the sender. */
  @OnMessage('clientEvent')
  clientEvent(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown, @MessageAck() ack: unknown): void {
    this.logger.debug({ socketId: socket.id, userId: socketData(socket).user.id }, 'clientEvent received');
    if (isAck(ack)) ack({ ok: true, echo: body });
    else socket.emit('serverEvent', { echo: body });
  }
}
