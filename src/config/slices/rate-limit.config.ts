import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import type { ConfigSlice } from '../config-slice';

export class RateLimitVariables {
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
}

export interface RateLimitConfig {
  readonly rateLimit: {
    readonly keyPrefix: string;
    readonly login: {
      readonly accountMaxFailures: number;
      readonly ipMaxFailures: number;
      readonly windowSeconds: number;
      readonly backoffBaseSeconds: number;
      readonly backoffMaxSeconds: number;
    };
    readonly register: { readonly points: number; readonly windowSeconds: number };
    readonly refresh: { readonly points: number; readonly windowSeconds: number };
  };
}

/** Brute-force and abuse limits of the auth endpoints (AuthThrottle), and the counters' namespace. */
export const rateLimitConfig: ConfigSlice<RateLimitVariables, RateLimitConfig> = {
  variables: RateLimitVariables,
  build: (vars) => ({
    rateLimit: {
      keyPrefix: vars.RATE_LIMIT_KEY_PREFIX,
      login: {
        accountMaxFailures: vars.LOGIN_ACCOUNT_MAX_FAILURES,
        ipMaxFailures: vars.LOGIN_IP_MAX_FAILURES,
        windowSeconds: vars.LOGIN_FAILURE_WINDOW_SECONDS,
        backoffBaseSeconds: vars.LOGIN_BACKOFF_BASE_SECONDS,
        backoffMaxSeconds: vars.LOGIN_BACKOFF_MAX_SECONDS,
      },
      register: { points: vars.REGISTER_RATE_LIMIT, windowSeconds: vars.REGISTER_RATE_WINDOW_SECONDS },
      refresh: { points: vars.REFRESH_RATE_LIMIT, windowSeconds: vars.REFRESH_RATE_WINDOW_SECONDS },
    },
  }),
};
