import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Turns "true"/"false" (environment variables are strings) into booleans; leaves the rest to fail validation. */
const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/**
 * The raw settings, keyed by their environment variable names, after merging
 * config/<NODE_ENV>.json with process.env. Validated once at boot.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV!: 'development' | 'test' | 'production';

  @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  PORT!: number;

  @IsString()
  HOST!: string;

  @IsOptional() @Matches(/^mongodb(\+srv)?:\/\/\S+$/, { message: 'MONGODB_URI must be a mongodb:// or mongodb+srv:// URI' })
  MONGODB_URI?: string;

  /** Set when instances share Redis: socket.io adapter and rate-limit counters go there. */
  @IsOptional() @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional() @IsString() @MinLength(1)
  JWT_SECRET?: string;

  @Type(() => Number) @IsInt() @Min(30) @Max(86_400)
  JWT_ACCESS_TTL!: number;

  @IsString() @MinLength(1)
  JWT_ISSUER!: string;

  @IsString() @MinLength(1)
  JWT_AUDIENCE!: string;

  @Type(() => Number) @IsInt() @Min(0) @Max(300)
  JWT_CLOCK_SKEW = 30;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL!: (typeof LOG_LEVELS)[number];

  @IsString()
  CORS_ORIGINS = '';

  @Matches(/^\d+(b|kb|mb)?$/i, { message: 'BODY_LIMIT must look like 100kb' })
  BODY_LIMIT = '100kb';

  @Type(() => Number) @IsInt() @Min(1000) @Max(600_000)
  REQUEST_TIMEOUT_MS = 15_000;

  @Transform(toBoolean) @IsBoolean()
  TRUST_PROXY = false;

  // OWASP's floor for argon2id is m=19 MiB, t=2, p=1: the validators refuse anything weaker.
  @Type(() => Number) @IsInt() @Min(19_456) @Max(1_048_576)
  ARGON2_MEMORY_KIB = 19_456;

  @Type(() => Number) @IsInt() @Min(2) @Max(10)
  ARGON2_TIME_COST = 2;

  /** message:send events one socket may emit per window (see CHAT_RATE_LIMIT_WINDOW_SECONDS). */
  @Type(() => Number) @IsInt() @Min(1) @Max(10_000)
  CHAT_RATE_LIMIT_POINTS = 10;

  @Type(() => Number) @IsInt() @Min(1) @Max(3_600)
  CHAT_RATE_LIMIT_WINDOW_SECONDS = 5;
}
