import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import type { ConfigSlice } from '../config-slice';

export class AuthCacheVariables {
  /** How many users the authorization checker keeps in memory (least recently used go first). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  AUTH_CACHE_MAX_USERS = 10_000;

  /**
   * The longest an entry is trusted without a read of the database. Revocations invalidate at
   * once; this is the backstop for a change no event announced (e.g. a missed publish).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3_600)
  AUTH_CACHE_TTL_SECONDS = 30;

  /** The Redis pub/sub channel that carries revocations between instances (with REDIS_URL). */
  @Matches(/^[A-Za-z0-9:._-]{1,128}$/, { message: 'REVOCATION_CHANNEL must be 1-128 of [A-Za-z0-9:._-]' })
  REVOCATION_CHANNEL = 'koa-jwt-chat:revocations';
}

export interface AuthCacheConfig {
  readonly authCache: {
    readonly maxUsers: number;
    readonly ttlMs: number;
    readonly revocationChannel: string;
  };
}

/** The authorization checker's in-process cache of accounts and live sessions (auth/). */
export const authCacheConfig: ConfigSlice<AuthCacheVariables, AuthCacheConfig> = {
  variables: AuthCacheVariables,
  build: (vars) => ({
    authCache: {
      maxUsers: vars.AUTH_CACHE_MAX_USERS,
      ttlMs: vars.AUTH_CACHE_TTL_SECONDS * 1000,
      revocationChannel: vars.REVOCATION_CHANNEL,
    },
  }),
};
