import { Passport } from 'passport';
import { Service } from 'typedi';
import { CredentialsService } from './credentials.service';
import { createLocalStrategy } from './strategies/local.strategy';

export type StrategyName = 'local';

export interface StrategyOutcome<T> {
  /** The authenticated value, or undefined when the strategy refused. */
  result?: T;
  /** What the strategy said when it refused (passport's "challenge"). */
  reason?: unknown;
}

/**
 * A private passport instance (not the global singleton, so app instances and tests do not share
 * strategies) with the local strategy (the login), driven without Express: strategies only read
 * the plain request object they are given. Access tokens are verified by JwtVerifier, without
 * passport: on every authenticated request, its per-call strategy object cost more than it gave.
 */
@Service()
export class PassportService {
  private readonly passport = new Passport();

  constructor(credentials: CredentialsService) {
    this.passport.use('local', createLocalStrategy(credentials));
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
