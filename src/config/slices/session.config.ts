import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import type { ConfigSlice } from '../config-slice';

export class SessionVariables {
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

  /**
   * How long a just-spent refresh token may be presented again and get the same successor (two
   * tabs refreshing at once), instead of counting as theft. 0 disables. See docs/security.md.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60)
  REFRESH_REUSE_GRACE_SECONDS = 5;
}

export interface SessionConfig {
  readonly session: {
    readonly idleTtlSeconds: number;
    readonly absoluteTtlSeconds: number;
    readonly purgeIntervalSeconds: number;
    /** 0: no grace, every reuse of a spent refresh token is theft. */
    readonly reuseGraceSeconds: number;
  };
}

/** Refresh-token sessions: how long they live, how often the dead ones are purged. */
export const sessionConfig: ConfigSlice<SessionVariables, SessionConfig> = {
  variables: SessionVariables,
  problems: (vars) =>
    vars.REFRESH_IDLE_TTL_SECONDS > vars.REFRESH_ABSOLUTE_TTL_SECONDS
      ? ['REFRESH_IDLE_TTL_SECONDS: must not exceed REFRESH_ABSOLUTE_TTL_SECONDS']
      : [],
  build: (vars) => ({
    session: {
      idleTtlSeconds: vars.REFRESH_IDLE_TTL_SECONDS,
      absoluteTtlSeconds: vars.REFRESH_ABSOLUTE_TTL_SECONDS,
      purgeIntervalSeconds: vars.SESSION_PURGE_INTERVAL_SECONDS,
      reuseGraceSeconds: vars.REFRESH_REUSE_GRACE_SECONDS,
    },
  }),
};
