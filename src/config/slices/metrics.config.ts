import { Type } from 'class-transformer';
import { IsInt, IsIP, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import type { ConfigSlice } from '../config-slice';

export class MetricsVariables {
  /** When set, GET /metrics on the main port answers requests that carry it as a Bearer token. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /** When set, /metrics is also served, without a token, on this port of METRICS_HOST. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  METRICS_PORT?: number;

  /** The interface of METRICS_PORT: loopback by default, an internal address when scraped from outside. */
  @IsIP()
  METRICS_HOST = '127.0.0.1';
}

export interface MetricsConfig {
  readonly metrics: { readonly token?: string; readonly port?: number; readonly host: string };
}

/** Who may scrape the Prometheus metrics, and where. Without either setting, /metrics is not served. */
export const metricsConfig: ConfigSlice<MetricsVariables, MetricsConfig> = {
  variables: MetricsVariables,
  build: (vars) => ({ metrics: { token: vars.METRICS_TOKEN, port: vars.METRICS_PORT, host: vars.METRICS_HOST } }),
};
