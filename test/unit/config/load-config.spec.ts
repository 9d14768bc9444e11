import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config/load-config';

const STRONG_SECRET = randomBytes(48).toString('base64');
const EXAMPLE_SECRET = /^JWT_SECRET=(.*)$/m.exec(readFileSync(join(__dirname, '..', '..', '..', '.env.example'), 'utf8'))![1]!;

/** A complete, valid production environment; each test breaks one or more keys. */
function productionEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return { NODE_ENV: 'production', MONGODB_URI: 'mongodb://db.internal:27017/app', JWT_SECRET: STRONG_SECRET, ...overrides };
}

/** The ConfigError loadConfig throws for this environment (fails the test if it loads). */
function configErrorFor(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

const badKeys = (error: ConfigError) => error.problems.map((problem) => problem.split(':')[0]).sort();

describe('loadConfig', () => {
  describe('in production', () => {
    it('loads a valid environment with the production defaults', () => {
      const config = loadConfig(productionEnv());
      expect(config).toMatchObject({
        env: 'production',
        port: 3000,
        mongodbUri: 'mongodb://db.internal:27017/app',
        logLevel: 'info',
        jwt: { secret: STRONG_SECRET, secretIsEphemeral: false, accessTtlSeconds: 900, clockSkewSeconds: 30 },
        http: { bodyLimit: '100kb' },
        argon2: { memoryCostKib: 19456, timeCost: 2, parallelism: 1 },
      });
    });

    it('returns a deeply frozen object', () => {
      const config = loadConfig(productionEnv({ CORS_ORIGINS: 'https://chat.example.com' }));
      for (const part of [config, config.jwt, config.http, config.argon2, config.corsOrigins]) expect(Object.isFrozen(part)).toBe(true);
      expect(() => Object.assign(config.jwt, { secret: 'x' })).toThrow(TypeError);
      expect(() => (config.corsOrigins as string[]).push('*')).toThrow(TypeError);
    });

    it('refuses a missing JWT_SECRET and a missing MONGODB_URI in one ConfigError', () => {
      const error = configErrorFor(productionEnv({ JWT_SECRET: undefined, MONGODB_URI: undefined }));
      expect(badKeys(error)).toEqual(['JWT_SECRET', 'MONGODB_URI']);
      expect(error.message).toContain('JWT_SECRET');
      expect(error.message).toContain('MONGODB_URI');
    });

    it('treats an empty JWT_SECRET as missing', () => {
      expect(badKeys(configErrorFor(productionEnv({ JWT_SECRET: '' })))).toEqual(['JWT_SECRET']);
    });

    it.each([
      ['shorter than 32 bytes', 'Sh0rt-but-varied!x9#Q'],
      ['the value from .env.example', EXAMPLE_SECRET],
      ['a published example value in other case and spacing', '  ChangeMe '],
      ['of too little variety', 'ab'.repeat(32)],
    ])('refuses a JWT_SECRET %s, without echoing it', (_label, secret) => {
      const error = configErrorFor(productionEnv({ JWT_SECRET: secret }));
      expect(badKeys(error)).toEqual(['JWT_SECRET']);
      expect(error.message).not.toContain(secret.trim());
      expect(JSON.stringify(error.problems)).not.toContain(secret.trim());
    });

    it('refuses a wildcard CORS origin', () => {
      expect(badKeys(configErrorFor(productionEnv({ CORS_ORIGINS: 'https://a.example, *' })))).toEqual(['CORS_ORIGINS']);
    });

    it('lists every bad key at once, and never the secret', () => {
      const secret = 'short-secret-value';
      const error = configErrorFor(
        productionEnv({ JWT_SECRET: secret, MONGODB_URI: undefined, PORT: 'eighty', LOG_LEVEL: 'verbose', JWT_ACCESS_TTL: '5' }),
      );
      expect(badKeys(error)).toEqual(['JWT_ACCESS_TTL', 'JWT_SECRET', 'LOG_LEVEL', 'MONGODB_URI', 'PORT']);
      expect(error.message).not.toContain(secret);
    });
  });

  describe('in any environment', () => {
    it.each([
      ['PORT', 'not-a-number'],
      ['PORT', '70000'],
      ['PORT', '-1'],
      ['LOG_LEVEL', 'verbose'],
      ['JWT_ACCESS_TTL', 'abc'],
      ['JWT_ACCESS_TTL', '10'],
      ['JWT_ACCESS_TTL', '86401'],
      ['JWT_CLOCK_SKEW', '301'],
      ['MONGODB_URI', 'postgres://db/app'],
      ['BODY_LIMIT', 'lots'],
      ['TRUST_PROXY', 'yes'],
      ['ARGON2_MEMORY_KIB', '1024'],
      ['ARGON2_TIME_COST', '1'],
    ])('reports %s=%s', (key, value) => {
      expect(badKeys(configErrorFor({ NODE_ENV: 'test', [key]: value }))).toEqual([key]);
    });

    it('reports an unknown NODE_ENV', () => {
      expect(badKeys(configErrorFor({ NODE_ENV: 'staging' }))).toContain('NODE_ENV');
    });

    it('makes a random per-process secret outside production when JWT_SECRET is unset', () => {
      const first = loadConfig({ NODE_ENV: 'test' });
      const second = loadConfig({ NODE_ENV: 'test' });
      expect(first.jwt.secretIsEphemeral).toBe(true);
      expect(Buffer.byteLength(first.jwt.secret)).toBeGreaterThanOrEqual(32);
      expect(first.jwt.secret).not.toBe(second.jwt.secret);
    });

    it('reads numbers and booleans from their string form', () => {
      const config = loadConfig({ NODE_ENV: 'test', PORT: '8080', JWT_ACCESS_TTL: '60', TRUST_PROXY: 'true', JWT_CLOCK_SKEW: '0' });
      expect(config).toMatchObject({ port: 8080, jwt: { accessTtlSeconds: 60, clockSkewSeconds: 0 }, http: { trustProxy: true } });
    });
  });
});
