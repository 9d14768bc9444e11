import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import type { AppConfig } from './app-config';
import { EnvironmentVariables } from './environment-variables';
import { secretWeakness } from './secret-strength';
import { parseSigningKeys, type ConfiguredSigningKey } from './signing-keys';

const CONFIG_DIR = join(__dirname, '..', '..', 'config');

/** Thrown with every bad key at once, so an operator fixes the environment in one go. */
export class ConfigError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Builds the configuration: defaults from config/<NODE_ENV>.json, overridden by the
 * environment, validated, then frozen. Throws ConfigError listing every bad key.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const defaults = readDefaults(nodeEnv);
  // An empty variable counts as unset, as in most deployment tools.
  const overrides = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const raw = plainToInstance(EnvironmentVariables, { ...defaults, ...overrides, NODE_ENV: nodeEnv });

  // whitelist strips the rest of process.env (PATH, HOME, ...) from the instance.
  const problems = validateSync(raw, { whitelist: true }).map(describe);
  const signing = parseSigningKeys(raw.JWT_SIGNING_KEYS);
  problems.push(...signing.problems, ...sessionProblems(raw), ...productionProblems(raw, signing.keys.length > 0));
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(toAppConfig(raw, signing.keys));
}

function readDefaults(nodeEnv: string): Record<string, unknown> {
  if (!['development', 'test', 'production'].includes(nodeEnv)) return {};
  return JSON.parse(readFileSync(join(CONFIG_DIR, `${nodeEnv}.json`), 'utf8')) as Record<string, unknown>;
}

function describe(error: ValidationError): string {
  // Never echo the value: it may be a secret.
  return `${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`;
}

function sessionProblems(raw: EnvironmentVariables): string[] {
  return raw.REFRESH_IDLE_TTL_SECONDS > raw.REFRESH_ABSOLUTE_TTL_SECONDS
    ? ['REFRESH_IDLE_TTL_SECONDS: must not exceed REFRESH_ABSOLUTE_TTL_SECONDS']
    : [];
}

function productionProblems(raw: EnvironmentVariables, hasAsymmetricKeys: boolean): string[] {
  if (raw.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (!raw.MONGODB_URI) problems.push('MONGODB_URI: required in production');
  // With asymmetric keys the HMAC secret is optional (it then only verifies older HS256 tokens).
  const weakness =
    raw.JWT_SECRET === undefined ? (hasAsymmetricKeys ? undefined : 'required in production') : secretWeakness(raw.JWT_SECRET);
  if (weakness) problems.push(`JWT_SECRET: ${weakness}`);
  if (raw.CORS_ORIGINS.split(',').some((origin) => origin.trim() === '*')) {
    problems.push('CORS_ORIGINS: a wildcard is refused; list the allowed origins');
  }
  return problems;
}

function toAppConfig(raw: EnvironmentVariables, signingKeys: ConfiguredSigningKey[]): AppConfig {
  return {
    env: raw.NODE_ENV,
    port: raw.PORT,
    host: raw.HOST,
    mongodbUri: raw.MONGODB_URI,
    redisUrl: raw.REDIS_URL,
    logLevel: raw.LOG_LEVEL,
    corsOrigins: raw.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    http: {
      bodyLimit: raw.BODY_LIMIT,
      requestTimeoutMs: raw.REQUEST_TIMEOUT_MS,
      trustProxy: raw.TRUST_PROXY,
      trustedProxyHops: raw.TRUSTED_PROXY_HOPS,
    },
    jwt: {
      // Outside production a missing secret gets a random one per process: nothing to commit, nothing to leak.
      secret: raw.JWT_SECRET ?? randomBytes(48).toString('base64'),
      secretIsEphemeral: raw.JWT_SECRET === undefined,
      accessTtlSeconds: raw.JWT_ACCESS_TTL,
      issuer: raw.JWT_ISSUER,
      audience: raw.JWT_AUDIENCE,
      clockSkewSeconds: raw.JWT_CLOCK_SKEW,
      signingKeys,
    },
    session: {
      idleTtlSeconds: raw.REFRESH_IDLE_TTL_SECONDS,
      absoluteTtlSeconds: raw.REFRESH_ABSOLUTE_TTL_SECONDS,
      purgeIntervalSeconds: raw.SESSION_PURGE_INTERVAL_SECONDS,
    },
    rateLimit: {
      keyPrefix: raw.RATE_LIMIT_KEY_PREFIX,
      login: {
        accountMaxFailures: raw.LOGIN_ACCOUNT_MAX_FAILURES,
        ipMaxFailures: raw.LOGIN_IP_MAX_FAILURES,
        windowSeconds: raw.LOGIN_FAILURE_WINDOW_SECONDS,
        backoffBaseSeconds: raw.LOGIN_BACKOFF_BASE_SECONDS,
        backoffMaxSeconds: raw.LOGIN_BACKOFF_MAX_SECONDS,
      },
      register: { points: raw.REGISTER_RATE_LIMIT, windowSeconds: raw.REGISTER_RATE_WINDOW_SECONDS },
      refresh: { points: raw.REFRESH_RATE_LIMIT, windowSeconds: raw.REFRESH_RATE_WINDOW_SECONDS },
    },
    chat: {
      rateLimit: { points: raw.CHAT_RATE_LIMIT_POINTS, windowSeconds: raw.CHAT_RATE_LIMIT_WINDOW_SECONDS },
      editWindowSeconds: raw.CHAT_EDIT_WINDOW_SECONDS,
    },
    argon2: { memoryCostKib: raw.ARGON2_MEMORY_KIB, timeCost: raw.ARGON2_TIME_COST, parallelism: 1 },
  };
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child && typeof child === 'object') deepFreeze(child as object);
  }
  return Object.freeze(value);
}
