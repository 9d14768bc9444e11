import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { CONFIG_SLICES, ConfigError, loadConfig } from '../../src/config/load-config';
import { composeSchemaErrors, ENV_EXAMPLE, interpolate, loadCompose, readEnvFile } from '../support/compose';

const ROOT = join(__dirname, '..', '..');

describe('docker-compose.yml', () => {
  const env = readEnvFile(ENV_EXAMPLE);
  const compose = loadCompose(env);

  it('validates against the Compose specification JSON schema, with the values of .env.example', () => {
    expect(composeSchemaErrors(compose)).toEqual([]);
  });

  it('is checked by a schema that refuses an invalid file', () => {
    // Guards the check above against a vacuous schema or a validator that accepts anything.
    const broken = structuredClone(compose);
    (broken.services.app.deploy as { replicas: unknown }).replicas = 'two';
    (broken.services.mongo.healthcheck as Record<string, unknown>).interval = 'ten seconds';
    (broken.services.nginx as Record<string, unknown>).restart_policy = 'always';
    const paths = composeSchemaErrors(broken).map((error) => `${error.instancePath} ${error.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringContaining('/services/app/deploy/replicas'),
        expect.stringContaining('/services/mongo/healthcheck/interval must match format "duration"'),
        expect.stringContaining('/services/nginx must NOT have additional properties'),
      ]),
    );
  });

  it('runs MongoDB 7 with a healthcheck and a named volume, and Redis 7 with a healthcheck', () => {
    const { mongo, redis } = compose.services;
    expect(mongo.image).toMatch(/^mongo:7\.\d+\.\d+/);
    expect(mongo.healthcheck?.test).toEqual(expect.arrayContaining(['mongosh']));
    expect(mongo.volumes).toEqual(['mongo-data:/data/db']);
    expect(compose.volumes).toHaveProperty('mongo-data');
    expect(redis.image).toMatch(/^redis:7\.\d+\.\d+/);
    expect(redis.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it('runs two app replicas that wait for healthy dependencies and publish no port of their own', () => {
    const { app } = compose.services;
    expect(app.deploy?.replicas).toBe(2);
    expect(app.ports).toBeUndefined();
    expect(app.env_file).toBe('.env');
    expect(app.environment).toMatchObject({ NODE_ENV: 'production', REDIS_URL: 'redis://redis:6379', TRUST_PROXY: 'true' });
    expect(app.depends_on).toEqual({ mongo: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
  });

  it('publishes exactly one port, nginx', () => {
    const published = Object.entries(compose.services).filter(([, service]) => service.ports !== undefined);
    expect(published.map(([name]) => name)).toEqual(['nginx']);
    expect(compose.services.nginx.ports).toEqual(['8080:8080']);
    expect(compose.services.nginx.volumes).toEqual(['./deploy/nginx/templates:/etc/nginx/templates:ro']);
    // The database and Redis are on a network with no route out.
    expect(compose.networks?.backend).toEqual({ internal: true });
    expect(compose.services.mongo.networks).toEqual(['backend']);
  });

  it('refuses to start without the secrets it interpolates', () => {
    const withoutPassword = Object.fromEntries(Object.entries(env).filter(([key]) => key !== 'MONGO_ROOT_PASSWORD'));
    expect(() => interpolate(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), withoutPassword)).toThrow(
      'MONGO_ROOT_PASSWORD is not set: set MONGO_ROOT_PASSWORD in .env',
    );
  });
});

describe('.env.example', () => {
  const text = readFileSync(ENV_EXAMPLE, 'utf8');

  it('lists every configuration variable the app reads', () => {
    const variables = new Set(
      CONFIG_SLICES.flatMap((slice) =>
        getMetadataStorage()
          .getTargetValidationMetadatas(slice.variables, '', true, false)
          .map((metadata) => metadata.propertyName),
      ),
    );
    // An optional variable may be shown commented out (JWT_SIGNING_KEYS).
    const missing = [...variables].filter((name) => !new RegExp(`^(# )?${name}=`, 'm').test(text));
    expect(missing).toEqual([]);
  });

  it('is a valid production configuration except for the example secret, which the app refuses', () => {
    const problems = (() => {
      try {
        loadConfig(readEnvFile(ENV_EXAMPLE));
        return [];
      } catch (error) {
        return error instanceof ConfigError ? error.problems : [String(error)];
      }
    })();
    expect(problems).toEqual(['JWT_SECRET: is a published example value']);
  });

  it('stays out of git and of the image once copied to .env', () => {
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain('.env');
    expect(readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n')).toContain('.env');
  });
});
