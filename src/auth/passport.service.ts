import { Passport } from 'passport';
import { Inject, Service } from 'typedi';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { CredentialsService } from './credentials.service';
import { JwtKeyRing } from './jwt-key-ring';
import { createJwtStrategy } from './strategies/jwt.strategy';
import { createLocalStrategy } from './strategies/local.strategy';

export type StrategyName = 'local' | 'jwt';

export interface StrategyOutcome<T> {
  /** The authenticated value, or undefined when the strategy refused. */
  result?: T;
  /** What the strategy said when it refused (passport's "challenge"). */
  reason?: unknown;
}

/**
 * A private passport instance (not the global singleton, so app instances and tests do not share
 * strategies) with the local strategy (the login) and the JWT strategy (an access token's
 * signature and registered claims, the first time JwtVerifier sees it), driven without Express:
 * strategies only read the plain request object they are given.
 */
@Service()
export class PassportService {
  private readonly passport = new Passport();

  constructor(@Inject(APP_CONFIG) config: AppConfig, keys: JwtKeyRing, credentials: CredentialsService) {
    this.passport.use('local', createLocalStrategy(credentials));
    this.passport.use('jwt', createJwtStrategy(config, keys));
  }

  authenticate<T>(strategy: StrategyName, request: object): Promise<StrategyOutcome<T>> {
    return new Promise((resolve, reject) => {
      const handler = this.passport.authenticate(strategy, { session: false }, (error: unknown, result: T | false, reason: unknown) => {
        if (error) reject(error);
        else resolve(result ? { result } : { reason });
      });
      // passport's middleware signature is (req, res, next); with a callback it never touches res.
      handler(request, {}, reject);
    });
  }
}
