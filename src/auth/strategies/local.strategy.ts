import { Strategy as LocalStrategy } from 'passport-local';
import { AccountDisabledError } from '../../users/users.errors';
import type { CredentialsService } from '../credentials.service';

/** passport-local over the email/password pair; the credentials service does the checking. */
export function createLocalStrategy(credentials: CredentialsService): LocalStrategy {
  return new LocalStrategy({ usernameField: 'email', passwordField: 'password', session: false }, (email, password, done) => {
    credentials.validate(email, password).then(
      (user) => done(null, user ?? false),
      // A refusal is the strategy's answer (passport's info), not a failure of the strategy.
      (error: unknown) => (error instanceof AccountDisabledError ? done(null, false, error) : done(error)),
    );
  });
}
