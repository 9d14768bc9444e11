import { Middleware, type MiddlewareInterface } from 'socket-controllers';
import type { Socket } from 'socket.io';
import { Inject, Service } from 'typedi';
import { AuthorizationChecker } from '../auth/authorization-checker';
import { TokenError } from '../common/errors/auth-errors';
import { LOGGER, type Logger } from '../common/logger';
import { toSocketData } from './chat-user';
import { handshakeToken } from './handshake-token';

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
    socket.data = toSocketData(await this.checker.verify(handshakeToken(socket)));
  }

  private refusal(error: unknown): Error {
    const code = error instanceof TokenError ? error.code : 'internal_error';
    if (code === 'internal_error') this.logger.error({ err: error }, 'socket authentication failed');
    else this.logger.debug({ code }, 'socket refused');
    const refusal = new Error('unauthorized') as Error & { data: ConnectErrorData };
    refusal.data = { code };
    return refusal;
  }
}
