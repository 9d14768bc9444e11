import type { Algorithm } from 'jsonwebtoken';
import { Inject, Service } from 'typedi';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';

export interface SigningKey {
  algorithm: Algorithm;
  key: string;
  kid?: string;
}

/**
 * The keys tokens are signed and verified with. Verification never lets the token choose its
 * algorithm or key: the algorithm list is pinned here and passed to the verifier.
 */
@Service()
export class JwtKeyRing {
  private readonly signing: SigningKey;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.signing = { algorithm: 'HS256', key: config.jwt.secret };
  }

  signingKey(): SigningKey {
    return this.signing;
  }

  /** The only algorithms a token may use. */
  get algorithms(): Algorithm[] {
    return [this.signing.algorithm];
  }

  /** The key that verifies a token with this header, or undefined when none is configured. */
  verificationKey(_header: { kid?: unknown }): string | undefined {
    return this.signing.key;
  }
}
