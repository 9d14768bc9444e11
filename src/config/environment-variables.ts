import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Turns "true"/"false" (environment variables are strings) into booleans; leaves the rest to fail validation. */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/**
 * The raw settings, keyed by their environment variable names, after merging
 * config/<NODE_ENV>.json with process.env. Validated once at boot.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV!: 'development' | 'test' | 'production';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT!: number;

  @IsString()
  HOST!: string;

  @IsOptional()
  @Matches(/^mongodb(\+srv)?:\/\/\S+$/, { message: 'MONGODB_URI must be a mongodb:// or mongodb+srv:// URI' })
  MONGODB_URI?: string;

  /** Set when instances share Redis: socket.io adapter and rate-limit counters go there. */
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  JWT_SECRET?: string;

  @Type(() => Number)
  @IsInt()
  @Min(30)
  @Max(86_400)
  JWT_ACCESS_TTL!: number;

  @IsString()
  @MinLength(1)
  JWT_ISSUER!: string;

  @IsString()
  @MinLength(1)
  JWT_AUDIENCE!: string;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(300)
  JWT_CLOCK_SKEW = 30;

  /**
   * Asymmetric signing keys, `kid:alg:path-or-base64:PEM` separated by commas; the first signs,
   * the rest verify until their tokens expire. Parsed and checked by signing-keys.ts.
   */
  @IsOptional()
  @IsString()
  JWT_SIGNING_KEYS?: string;

  // Refresh sessions: 14 days without use, 60 days at most, whatever the use.
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(31_536_000)
  REFRESH_IDLE_TTL_SECONDS = 1_209_600;

  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(31_536_000)
  REFRESH_ABSOLUTE_TTL_SECONDS = 5_184_000;

  /** How often expired sessions and spent refresh tokens are deleted (no TTL indexes: see docs/security.md). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86_400)
  SESSION_PURGE_INTERVAL_SECONDS = 3_600;

  /** Namespaces the rate-limit counters, e.g. per deployment when several share one Redis. */
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'RATE_LIMIT_KEY_PREFIX must be 1-64 of [A-Za-z0-9._-]' })
  RATE_LIMIT_KEY_PREFIX = 'rl';

  // Login: after this many failed attempts per account (or per IP) within the window, the key
  // waits LOGIN_BACKOFF_BASE_SECONDS, doubling on every further lock, up to the maximum.
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  LOGIN_ACCOUNT_MAX_FAILURES = 5;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  LOGIN_IP_MAX_FAILURES = 50;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86_400)
  LOGIN_FAILURE_WINDOW_SECONDS = 900;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86_400)
  LOGIN_BACKOFF_BASE_SECONDS = 30;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86_400)
  LOGIN_BACKOFF_MAX_SECONDS = 3_600;

  /** Registrations per IP per window. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  REGISTER_RATE_LIMIT = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86_400)
  REGISTER_RATE_WINDOW_SECONDS = 3_600;

  /** Refreshes per IP per window. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  REFRESH_RATE_LIMIT = 60;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86_400)
  REFRESH_RATE_WINDOW_SECONDS = 60;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL!: (typeof LOG_LEVELS)[number];

  @IsString()
  CORS_ORIGINS = '';

  @Matches(/^\d+(b|kb|mb)?$/i, { message: 'BODY_LIMIT must look like 100kb' })
  BODY_LIMIT = '100kb';

  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  REQUEST_TIMEOUT_MS = 15_000;

  @Transform(toBoolean)
  @IsBoolean()
  TRUST_PROXY = false;

  /**
   * How many proxies in front append to X-Forwarded-For. Only that many entries, counted from the
   * right, are believed: the leftmost ones are whatever the client wrote.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  TRUSTED_PROXY_HOPS = 1;

  // OWASP's floor for argon2id is m=19 MiB, t=2, p=1: the validators refuse anything weaker.
  @Type(() => Number)
  @IsInt()
  @Min(19_456)
  @Max(1_048_576)
  ARGON2_MEMORY_KIB = 19_456;

  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(10)
  ARGON2_TIME_COST = 2;

  /** message:send events one socket may emit per window (see CHAT_RATE_LIMIT_WINDOW_SECONDS). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  CHAT_RATE_LIMIT_POINTS = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3_600)
  CHAT_RATE_LIMIT_WINDOW_SECONDS = 5;

  /** How long after sending an author may edit or delete their own message (admins delete any, any time). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(31_536_000)
  CHAT_EDIT_WINDOW_SECONDS = 900;
}
