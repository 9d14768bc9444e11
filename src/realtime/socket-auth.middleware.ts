import { Middleware, type MiddlewareInterface } from 'socket-controllers';
import type { Socket } from 'socket.io';
import { Inject, Service } from 'typedi';
import { TokenError } from '../auth/auth.errors';
import { AuthorizationChecker } from '../auth/authorization/authorization-checker';
import { AmbiguousAuthorizationError, authorizationHeader } from '../common/http/single-authorization-header';
import { toAppError } from '../common/errors/to-problem';
import { LOGGER, type Logger } from '../common/logger';
import { handshakeToken } from './handshake-token';
import { CONNECTIONS_PER_USER_MAX } from './realtime.constants';
import { TooManyConnectionsError } from './realtime.errors';
import { toSocketData } from './socket-data';
import { userRoom } from './socket-rooms';

/** What a refused client receives as `connect_error`: message "unauthorized", data.code a TokenError code. */
export interface ConnectErrorData {
  code: string;
}

/**
 * Authenticates every socket.io handshake with THE authorization checker, exactly as HTTP does,
 * with the token from handshakeToken().
 */
@Service()
@Middleware()
export class SocketAuthMiddleware implements MiddlewareInterface {
  constructor(
    private readonly checker: AuthorizationChecker,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  // socket-controllers calls use() without awaiting or catching: nothing may escape from here,
  // or one bad handshake would become an unhandled rejection that takes the process down.
  use(socket: Socket, next: (error?: Error) => void): void {
    this.authenticate(socket)
      .then(
        () => undefined,
        (error: unknown) => this.refusal(error),
      )
      .then((refusal) => next(refusal))
      .catch((error: unknown) => this.logger.error({ err: error }, 'socket handshake failed after authentication'));
  }

  private async authenticate(socket: Socket): Promise<void> {
    // Two Authorization headers are refused as on HTTP, even next to auth.token: such a
    // handshake is malformed (socket.handshake.headers keeps only the first of them).
    authorizationHeader(socket.request);
    const principal = await this.checker.verify(handshakeToken(socket));
    // Counted across instances (the adapter answers for all): a soft cap, enough to stop one
    // account from holding thousands of connections.
    const open = await socket.nsp.in(userRoom(principal.user.id)).fetchSockets();
    if (open.length >= CONNECTIONS_PER_USER_MAX) throw new TooManyConnectionsError(CONNECTIONS_PER_USER_MAX);
    socket.data = toSocketData(principal);
  }

  private refusal(error: unknown): Error {
    if (error instanceof TooManyConnectionsError || error instanceof AmbiguousAuthorizationError) {
      this.logger.info({ code: error.code }, 'socket refused');
      return Object.assign(new Error(error.code), { data: { code: error.code } satisfies ConnectErrorData });
    }
    // A database outage is refused as such (db_unavailable), so the client retries instead of logging in again.
    const code = error instanceof TokenError ? error.code : (toAppError(error)?.code ?? 'internal_error');
    if (code === 'internal_error') this.logger.error({ err: error }, 'socket authentication failed');
    else this.logger.debug({ code }, 'socket refused');
    const refusal = new Error('unauthorized') as Error & { data: ConnectErrorData };
    refusal.data = { code };
    return refusal;
  }
}
