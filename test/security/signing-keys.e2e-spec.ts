import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { registerAndLogin, type LoggedIn } from '../fixtures/users';
import { getMe } from '../support/http';
import { anEs256KeyPair, signingKeysEnv } from '../support/signing-keys';
import { useTestApp } from '../support/suite';
import { startTestApp, type TestApp } from '../support/test-app';
import { forgeToken } from '../support/tokens';

/**
 * ES256 with two keys: "new" signs, "old" (public key only) still verifies, as right after a
 * rotation. JWT_SECRET is set too, as for a deployment migrating from HS256.
 */
describe('security: asymmetric signing keys and rotation', () => {
  const newKey = anEs256KeyPair('key-2026-02');
  const oldKey = anEs256KeyPair('key-2026-01');
  const hmacSecret = 'a-migration-secret-that-is-long-enough-0123456789';
  let t: TestApp;
  let user: LoggedIn;
  beforeAll(
    async () => (t = await startTestApp({ JWT_SIGNING_KEYS: signingKeysEnv([newKey, oldKey], [oldKey.kid]), JWT_SECRET: hmacSecret })),
  );
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.wipe();
    user = await registerAndLogin(t.http);
  });

  const claimsOf = (token: string) => jwt.decode(token) as jwt.JwtPayload;
  /** The same claims as a real token, re-signed with `key` under `header`. */
  const resign = (token: string, key: string, header: Record<string, unknown>) =>
    jwt.sign(claimsOf(token), key, { algorithm: header.alg as jwt.Algorithm, header: header as unknown as jwt.JwtHeader });

  it('signs access tokens with the first key: ES256 and its kid', async () => {
    expect(jwt.decode(user.accessToken, { complete: true })?.header).toMatchObject({ alg: 'ES256', kid: newKey.kid });
    await getMe(t, user.accessToken).expect(200);
  });

  it('publishes every public key, and no private material, at /.well-known/jwks.json', async () => {
    const res = await t.http.get('/.well-known/jwks.json').expect(200);
    const keys = res.body.keys as Record<string, unknown>[];
    expect(keys.map((key) => key.kid).sort()).toEqual([oldKey.kid, newKey.kid].sort());
    for (const key of keys) {
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    }
  });

  it('still accepts a token signed by the previous key (rotation logs nobody out)', async () => {
    const beforeRotation = resign(user.accessToken, oldKey.privateKeyPem, { alg: 'ES256', kid: oldKey.kid });
    await getMe(t, beforeRotation).expect(200);
  });

  it('still accepts kid-less HS256 tokens while JWT_SECRET is configured (migration from HMAC)', async () => {
    await getMe(t, forgeToken(t.config, user, { sid: claimsOf(user.accessToken).sid }, {}, hmacSecret)).expect(200);
  });

  it('refuses algorithm confusion: HS256 "signed" with the published public key', async () => {
    const attackKey = newKey.publicKeyPem;
    // jsonwebtoken refuses to HMAC with a PEM; an attacker's own tooling would not, so sign by hand.
    for (const header of [{ alg: 'HS256', kid: newKey.kid }, { alg: 'HS256' }]) {
      await getMe(t, hmacByHand(claimsOf(user.accessToken), attackKey, header)).expect(401);
    }
  });

  it("refuses a token whose alg differs from its kid's configured algorithm", async () => {
    const token = jwt.sign(claimsOf(user.accessToken), hmacSecret, { algorithm: 'HS256', keyid: newKey.kid });
    const res = await getMe(t, token).expect(401);
    expect(res.body.code).toBe('token_invalid');
  });

  it('refuses an unknown kid, and a token signed by a key that is not configured', async () => {
    const stranger = anEs256KeyPair(newKey.kid);
    await getMe(t, resign(user.accessToken, stranger.privateKeyPem, { alg: 'ES256', kid: newKey.kid })).expect(401);
    await getMe(t, resign(user.accessToken, newKey.privateKeyPem, { alg: 'ES256', kid: 'no-such-kid' })).expect(401);
  });
});

describe('security: JWKS with HS256 only', () => {
  const t = useTestApp({ wipe: false });

  it('publishes an empty key set: the HMAC secret is never exposed', async () => {
    const res = await t.http.get('/.well-known/jwks.json').expect(200);
    expect(res.body).toEqual({ keys: [] });
  });
});

function hmacByHand(claims: object, secret: string, header: object): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${encode({ typ: 'JWT', ...header })}.${encode(claims)}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}
