import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, loadConfig } from '../../../src/config/load-config';
import { parseSigningKeys } from '../../../src/config/signing-keys';
import { anEs256KeyPair } from '../../support/signing-keys';

const b64 = (pem: string) => `base64:${Buffer.from(pem).toString('base64')}`;

describe('JWT_SIGNING_KEYS', () => {
  const key = anEs256KeyPair('k1');

  it('reads keys from files and from base64, the first private, the others may be public', () => {
    const files: Record<string, string> = { '/keys/k1.pem': key.privateKeyPem };
    const { keys, problems } = parseSigningKeys(
      `k1:ES256:/keys/k1.pem, k0:ES256:${b64(anEs256KeyPair('k0').publicKeyPem)}`,
      (path) => files[path]!,
    );
    expect(problems).toEqual([]);
    expect(keys.map((k) => [k.kid, k.algorithm, Boolean(k.privateKeyPem)])).toEqual([
      ['k1', 'ES256', true],
      ['k0', 'ES256', false],
    ]);
  });

  it('lists every problem, naming kids but never echoing key material', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const spec = [
      `k1:ES256:${b64(key.publicKeyPem)}`,
      `bad kid:ES256:${b64(key.privateKeyPem)}`,
      `k2:HS256:${b64(key.privateKeyPem)}`,
      `k3:ES256:${b64(rsa)}`,
      `k4:ES256:${b64('not a key')}`,
      `k5:ES256:/missing.pem`,
    ].join(',');
    const { problems } = parseSigningKeys(spec, () => {
      throw new Error('ENOENT');
    });
    expect(problems).toHaveLength(6);
    expect(problems[0]).toMatch(/first key signs/);
    expect(problems.join('\n')).not.toMatch(/BEGIN|PRIVATE|MII/);
  });

  it('reports a duplicate kid even when the first entry with it was broken', () => {
    const { problems } = parseSigningKeys(`k1:ES256:base64:AAAA,k1:ES256:${b64(key.privateKeyPem)}`);
    expect(problems).toEqual([expect.stringContaining('not a PEM'), expect.stringContaining('listed twice')]);
  });

  it('fails the boot with ConfigError', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', JWT_SIGNING_KEYS: 'k1:ES256:base64:AAAA' })).toThrow(ConfigError);
  });

  it('no longer requires JWT_SECRET in production when asymmetric keys are given', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://db:27017/x',
      JWT_SIGNING_KEYS: `k1:ES256:${b64(key.privateKeyPem)}`,
    });
    expect(config.jwt.signingKeys).toHaveLength(1);
  });

  it('refuses an idle lifetime longer than the absolute one', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', REFRESH_IDLE_TTL_SECONDS: '7200', REFRESH_ABSOLUTE_TTL_SECONDS: '3600' })).toThrow(
      ConfigError,
    );
  });
});
