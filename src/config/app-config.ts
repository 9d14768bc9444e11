import type { AuthCacheConfig } from './slices/auth-cache.config';
import type { ChatConfig } from './slices/chat.config';
import type { HttpConfig } from './slices/http.config';
import type { JwtConfig } from './slices/jwt.config';
import type { MetricsConfig } from './slices/metrics.config';
import type { OperationsConfig } from './slices/operations.config';
import type { PasswordHashingConfig } from './slices/password-hashing.config';
import type { RateLimitConfig } from './slices/rate-limit.config';
import type { ServerConfig } from './slices/server.config';
import type { SessionConfig } from './slices/session.config';

/**
 * The typed, validated, frozen configuration every service receives through APP_CONFIG: the
 * parts of every slice (config/slices/, listed in load-config.ts), in one object.
 */
export type AppConfig = ServerConfig &
  HttpConfig &
  JwtConfig &
  SessionConfig &
  AuthCacheConfig &
  RateLimitConfig &
  ChatConfig &
  PasswordHashingConfig &
  OperationsConfig &
  MetricsConfig;
