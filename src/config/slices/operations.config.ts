import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import type { ConfigSlice } from '../config-slice';

export class OperationsVariables {
  /**
   * After SIGTERM/SIGINT, readiness answers 503 at once but the server keeps serving for this
   * long, so a load balancer notices and stops sending traffic before connections are refused.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60_000)
  SHUTDOWN_DRAIN_DELAY_MS = 1_000;

  /** The bound on the rest of the shutdown (in-flight requests, sockets, Redis, the database); past it the process exits 1. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600_000)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  /**
   * How long one database operation may wait for a server (selection, the socket, mongoose's
   * buffer while disconnected) before the request is answered 503 db_unavailable.
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(60_000)
  DB_OPERATION_TIMEOUT_MS = 3_000;
}

export interface OperationsConfig {
  readonly shutdown: { readonly drainDelayMs: number; readonly timeoutMs: number };
  readonly database: { readonly operationTimeoutMs: number };
}

/** How the process behaves around outages and restarts: graceful shutdown and the database bound. */
export const operationsConfig: ConfigSlice<OperationsVariables, OperationsConfig> = {
  variables: OperationsVariables,
  build: (vars) => ({
    shutdown: { drainDelayMs: vars.SHUTDOWN_DRAIN_DELAY_MS, timeoutMs: vars.SHUTDOWN_TIMEOUT_MS },
    database: { operationTimeoutMs: vars.DB_OPERATION_TIMEOUT_MS },
  }),
};
