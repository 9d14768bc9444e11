import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import type { AppConfig } from './app-config';
import type { ConfigSlice } from './config-slice';
import { authCacheConfig } from './slices/auth-cache.config';
import { chatConfig } from './slices/chat.config';
import { httpConfig } from './slices/http.config';
import { jwtConfig } from './slices/jwt.config';
import { metricsConfig } from './slices/metrics.config';
import { operationsConfig } from './slices/operations.config';
import { passwordHashingConfig } from './slices/password-hashing.config';
import { rateLimitConfig } from './slices/rate-limit.config';
import { serverConfig } from './slices/server.config';
import { sessionConfig } from './slices/session.config';

const CONFIG_DIR = join(__dirname, '..', '..', 'config');

/** Every slice of AppConfig; a new slice is added here and to the AppConfig type. */
export const CONFIG_SLICES: readonly ConfigSlice<object, object>[] = [
  serverConfig,
  httpConfig,
  jwtConfig,
  sessionConfig,
  authCacheConfig,
  rateLimitConfig,
  chatConfig,
  passwordHashingConfig,
  operationsConfig,
  metricsConfig,
];

/** Thrown with every bad key at once, so an operator fixes the environment in one go. */
export class ConfigError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Builds the configuration: defaults from config/<NODE_ENV>.json, overridden by the
 * environment, validated slice by slice, then frozen. Throws ConfigError listing every bad key
 * of every slice.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const defaults = readDefaults(nodeEnv);
  // An empty variable counts as unset, as in most deployment tools.
  const overrides = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const merged = { ...defaults, ...overrides, NODE_ENV: nodeEnv };

  const problems: string[] = [];
  const validated = CONFIG_SLICES.map((slice) => {
    const variables = plainToInstance(slice.variables, merged);
    // whitelist strips everything outside the slice (the other slices' keys, PATH, HOME, ...).
    problems.push(...validateSync(variables, { whitelist: true }).map(describe), ...(slice.problems?.(variables, nodeEnv) ?? []));
    return { slice, variables };
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(Object.assign({}, ...validated.map(({ slice, variables }) => slice.build(variables))) as AppConfig);
}

function readDefaults(nodeEnv: string): Record<string, unknown> {
  if (!['development', 'test', 'production'].includes(nodeEnv)) return {};
  return JSON.parse(readFileSync(join(CONFIG_DIR, `${nodeEnv}.json`), 'utf8')) as Record<string, unknown>;
}

function describe(error: ValidationError): string {
  // Never echo the value: it may be a secret.
  return `${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`;
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child && typeof child === 'object') deepFreeze(child as object);
  }
  return Object.freeze(value);
}
