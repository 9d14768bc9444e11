import { createPrivateKey, createPublicKey, createSecretKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import jwt, { type Algorithm } from 'jsonwebtoken';
import { Inject, Service } from 'typedi';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';

export interface SigningKey {
  algorithm: Algorithm;
  /** A KeyObject, parsed once at boot: jsonwebtoken re-parses a string key on every call. */
  key: KeyObject;
  kid?: string;
}

interface VerificationKey {
  algorithm: Algorithm;
  /** The HMAC secret, or the public key. */
  key: KeyObject;
  /** Asymmetric keys only; HS256 tokens carry no kid. */
  kid?: string;
}

/** A public JWK as published at /.well-known/jwks.json. */
export type PublicJwk = JsonWebKey & { kid: string; alg: string; use: 'sig' };

/**
 * The keys tokens are signed and verified with. Verification never lets the token choose its
 * algorithm or key: the token's kid only selects among configured keys, and its alg must equal
 * that key's configured algorithm.
 *
 * - No JWT_SIGNING_KEYS: HS256 with JWT_SECRET signs and verifies (tokens carry no kid).
 * - JWT_SIGNING_KEYS: the first key signs (tokens carry its kid); every listed key verifies, so
 *   a new key can be put first while the previous one still verifies until its tokens expire.
 *   HS256 still verifies kid-less tokens if JWT_SECRET is set explicitly (migration from HMAC).
 *
 * Every key is a KeyObject built once, here, when the app is made (a string key made jsonwebtoken
 * try createPublicKey, fail, then createSecretKey on every verify: most of a request's CPU).
 */
@Service()
export class JwtKeyRing {
  private readonly signing: SigningKey;
  private readonly hmac?: VerificationKey;
  private readonly asymmetric = new Map<string, VerificationKey>();
  private jwks?: PublicJwk[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { signingKeys, secret, secretIsEphemeral } = config.jwt;
    const secretKey = createSecretKey(Buffer.from(secret, 'utf8'));
    // An ephemeral secret next to asymmetric keys would verify nothing anyone holds: leave it out.
    if (signingKeys.length === 0 || !secretIsEphemeral) this.hmac = { algorithm: 'HS256', key: secretKey };
    for (const key of signingKeys) {
      this.asymmetric.set(key.kid, { algorithm: key.algorithm, key: createPublicKey(key.publicKeyPem), kid: key.kid });
    }
    const [first] = signingKeys;
    this.signing = first?.privateKeyPem
      ? { algorithm: first.algorithm, key: createPrivateKey(first.privateKeyPem), kid: first.kid }
      : { algorithm: 'HS256', key: secretKey };
    this.assertSigningKeyVerifies();
  }

  signingKey(): SigningKey {
    return this.signing;
  }

  /** Every algorithm some configured key uses; each key is further pinned in verificationKey(). */
  get algorithms(): Algorithm[] {
    const all = [...this.asymmetric.values()].map((key) => key.algorithm);
    if (this.hmac) all.push(this.hmac.algorithm);
    return [...new Set(all)];
  }

  /** The key that verifies a token with this header, or undefined when no configured key matches. */
  verificationKey(header: { kid?: unknown; alg?: unknown }): KeyObject | undefined {
    const candidate = header.kid === undefined ? this.hmac : typeof header.kid === 'string' ? this.asymmetric.get(header.kid) : undefined;
    // The algorithm belongs to the key, not to the token: HS256 "signed" with a public key dies here.
    if (!candidate || header.alg !== candidate.algorithm) return undefined;
    return candidate.key;
  }

  /** The public halves of the asymmetric keys, for /.well-known/jwks.json; empty with HS256 only. */
  publicJwks(): PublicJwk[] {
    // Keys are fixed at boot, so the set is derived once.
    this.jwks ??= [...this.asymmetric.values()].map((key) => {
      const { kty, crv, x, y, n, e } = key.key.export({ format: 'jwk' });
      // Fields are picked one by one so no private member (d, p, q, ...) can ever be published.
      const jwk: JsonWebKey = Object.fromEntries(Object.entries({ kty, crv, x, y, n, e }).filter(([, value]) => value !== undefined));
      return { ...jwk, kid: key.kid as string, alg: key.algorithm, use: 'sig' as const };
    });
    return this.jwks;
  }

  /** Fails the boot, not the first login, if the signing key and its verification key do not match. */
  private assertSigningKeyVerifies(): void {
    const { algorithm, key, kid } = this.signing;
    const probe = jwt.sign({ probe: true }, key, { algorithm, ...(kid ? { keyid: kid } : {}) });
    const verifier = this.verificationKey({ alg: algorithm, kid });
    if (!verifier) throw new Error('JWT signing key has no matching verification key');
    jwt.verify(probe, verifier, { algorithms: [algorithm] });
  }
}
