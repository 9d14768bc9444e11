import type { Context } from 'koa';
import type { Action } from 'routing-controllers';
import { Service } from 'typedi';
import { TokenError } from '../common/errors/auth-errors';
import { authorizationHeader } from '../common/http/authorization-header';
import type { Principal } from './access-token';
import { PassportService } from './passport.service';
import type { TokenRequest } from './strategies/jwt.strategy';

// The article's clients send "JWT <token>"; RFC 6750 clients send "Bearer <token>".
const AUTHORIZATION_SCHEME = /^(?:Bearer|JWT)(?: +(.*))?$/i;
// The compact JWS alphabet (base64url and dots): anything else cannot be one of our tokens.
const TOKEN_CHARACTERS = /^[A-Za-z0-9\-_.]+$/;

/**
 * THE authorization checker. HTTP (routing-controllers) and WebSocket (socket middleware) both
 * call verify(), which runs the passport-jwt strategy, so a token is accepted or refused for the
 * same reason on both transports.
 */
@Service()
export class AuthorizationChecker {
  constructor(private readonly passport: PassportService) {}

  /** Verifies a raw access token; throws a TokenError with token_missing/invalid/expired/revoked. */
  async verify(rawToken: string | undefined): Promise<Principal> {
    if (!rawToken) throw new TokenError('token_missing');
    const request: TokenRequest = { accessToken: rawToken };
    const { result, reason } = await this.passport.authenticate<Principal>('jwt', request);
    if (result) return result;
    if (reason instanceof TokenError) throw reason;
    // By name, not instanceof: passport-jwt may load its own copy of jsonwebtoken.
    if ((reason as Error | undefined)?.name === 'TokenExpiredError') throw new TokenError('token_expired');
    throw new TokenError('token_invalid');
  }

  /** Reads the token from an Authorization header value; undefined when there is none. */
  static tokenFromHeader(header: string | undefined): string | undefined {
    if (!header) return undefined;
    const match = AUTHORIZATION_SCHEME.exec(header.trim());
    // A header in another scheme is not "missing": it is a token we cannot accept.
    if (!match) throw new TokenError('token_invalid');
    return AuthorizationChecker.normaliseToken(match[1] ?? '');
  }

  /**
   * The one normalisation of a raw token, whatever the transport (header, socket handshake,
   * auth:refresh): surrounding space is trimmed, empty means missing, and anything outside the
   * JWT alphabet is invalid. So the same credential gets the same answer everywhere.
   */
  static normaliseToken(raw: string): string | undefined {
    const token = raw.trim();
    if (token === '') return undefined;
    if (!TOKEN_CHARACTERS.test(token)) throw new TokenError('token_invalid');
    return token;
  }

  /** Authenticates a Koa request once; later calls in the same request reuse the result. */
  async authenticateContext(ctx: Context): Promise<Principal> {
    if (!ctx.state.principal) {
      ctx.state.principal = await this.verify(AuthorizationChecker.tokenFromHeader(authorizationHeader(ctx.req)));
    }
    return ctx.state.principal as Principal;
  }

  /** routing-controllers' authorizationChecker: @Authorized() and @Authorized('admin'). */
  readonly checkAction = async (action: Action, roles: string[]): Promise<boolean> => {
    const { user } = await this.authenticateContext(action.context as Context);
    return roles.length === 0 || roles.some((role) => (user.roles as string[]).includes(role));
  };

  /** routing-controllers' currentUserChecker: @CurrentUser() receives the Principal. */
  readonly currentPrincipal = (action: Action): Promise<Principal> => this.authenticateContext(action.context as Context);
}
