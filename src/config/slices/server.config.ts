import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import type { ConfigSlice } from '../config-slice';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export class ServerVariables {
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

  @IsIn(LOG_LEVELS)
  LOG_LEVEL!: (typeof LOG_LEVELS)[number];
}

export interface ServerConfig {
  readonly env: 'development' | 'test' | 'production';
  readonly port: number;
  readonly host: string;
  /** Required by main.ts in every environment; npm run dev sets it to the server dev/ provides. */
  readonly mongodbUri?: string;
  /** Shared state for multi-instance deployments; absent means in-memory, single instance. */
  readonly redisUrl?: string;
  readonly logLevel: string;
}

/** The process itself: environment, where it listens, its database, Redis and log level. */
export const serverConfig: ConfigSlice<ServerVariables, ServerConfig> = {
  variables: ServerVariables,
  problems: (vars, nodeEnv) => (nodeEnv === 'production' && !vars.MONGODB_URI ? ['MONGODB_URI: required in production'] : []),
  build: (vars) => ({
    env: vars.NODE_ENV,
    port: vars.PORT,
    host: vars.HOST,
    mongodbUri: vars.MONGODB_URI,
    redisUrl: vars.REDIS_URL,
    logLevel: vars.LOG_LEVEL,
  }),
};
