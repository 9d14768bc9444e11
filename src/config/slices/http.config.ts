import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { toBoolean, type ConfigSlice } from '../config-slice';

export class HttpVariables {
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
}

export interface HttpConfig {
  readonly corsOrigins: readonly string[];
  readonly http: {
    readonly bodyLimit: string;
    readonly requestTimeoutMs: number;
    readonly trustProxy: boolean;
    readonly trustedProxyHops: number;
  };
}

/** HTTP and socket.io transport limits: CORS, body size, timeouts, proxies. */
export const httpConfig: ConfigSlice<HttpVariables, HttpConfig> = {
  variables: HttpVariables,
  problems: (vars, nodeEnv) =>
    nodeEnv === 'production' && vars.CORS_ORIGINS.split(',').some((origin) => origin.trim() === '*')
      ? ['CORS_ORIGINS: a wildcard is refused; list the allowed origins']
      : [],
  build: (vars) => ({
    corsOrigins: vars.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    http: {
      bodyLimit: vars.BODY_LIMIT,
      requestTimeoutMs: vars.REQUEST_TIMEOUT_MS,
      trustProxy: vars.TRUST_PROXY,
      trustedProxyHops: vars.TRUSTED_PROXY_HOPS,
    },
  }),
};
