import { createPublicKey, createSecretKey } from 'node:crypto';
import { JwtKeyRing } from '../../../src/auth/jwt-key-ring';
import { loadConfig } from '../../../src/config/load-config';
import { anEs256KeyPair, signingKeysEnv } from '../../support/signing-keys';

describe('JwtKeyRing', () => {
  const current = anEs256KeyPair('current');
  const previous = anEs256KeyPair('previous');

  it('with HS256 only: signs HS256 without kid, verifies only kid-less HS256 headers, publishes no key', () => {
    const ring = new JwtKeyRing(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 's'.repeat(40) }));
    const secret = createSecretKey(Buffer.from('s'.repeat(40)));
    expect(ring.signingKey()).toMatchObject({ algorithm: 'HS256' });
    expect(ring.signingKey().key.equals(secret)).toBe(true);
    expect(ring.algorithms).toEqual(['HS256']);
    expect(ring.verificationKey({ alg: 'HS256' })?.equals(secret)).toBe(true);
    expect(ring.verificationKey({ alg: 'HS512' })).toBeUndefined();
    expect(ring.verificationKey({ alg: 'none' })).toBeUndefined();
    expect(ring.verificationKey({ alg: 'HS256', kid: 'anything' })).toBeUndefined();
    expect(ring.publicJwks()).toEqual([]);
  });

  it('with asymmetric keys: the first signs with its kid; each kid verifies only with its own algorithm', () => {
    const ring = new JwtKeyRing(loadConfig({ NODE_ENV: 'test', JWT_SIGNING_KEYS: signingKeysEnv([current, previous], ['previous']) }));
    expect(ring.signingKey()).toMatchObject({ algorithm: 'ES256', kid: 'current' });
    expect(ring.algorithms).toEqual(['ES256']);
    expect(ring.verificationKey({ alg: 'ES256', kid: 'previous' })?.equals(createPublicKey(previous.publicKeyPem))).toBe(true);
    expect(ring.verificationKey({ alg: 'HS256', kid: 'current' })).toBeUndefined();
    // The process's random secret is not kept next to asymmetric keys: kid-less tokens match nothing.
    expect(ring.verificationKey({ alg: 'HS256' })).toBeUndefined();
    expect(ring.verificationKey({ alg: 'ES256', kid: ['current'] })).toBeUndefined();
  });

  it('publishes public members only', () => {
    const ring = new JwtKeyRing(loadConfig({ NODE_ENV: 'test', JWT_SIGNING_KEYS: signingKeysEnv([current]) }));
    const [jwk] = ring.publicJwks();
    expect(Object.keys(jwk!).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
  });
});
