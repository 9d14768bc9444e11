import type { ConfiguredSigningKey } from './signing-keys';

/** The typed, validated, frozen configuration every service receives through APP_CONFIG. */
export interface AppConfig {
  readonly env: 'development' | 'test' | 'production';
  readonly port: number;
  readonly host: string;
  /** Absent outside production: the dev/test MongoDB provider then chooses a server. */
  readonly mongodbUri?: string;
  /** Shared state for multi-instance deployments; absent means in-memory, single instance. */
  readonly redisUrl?: string;
  readonly logLevel: string;
  readonly corsOrigins: readonly string[];
  readonly http: {
    readonly bodyLimit: string;
    readonly requestTimeoutMs: number;
    readonly trustProxy: boolean;
    readonly trustedProxyHops: number;
  };
  readonly jwt: {
    readonly secret: string;
    /** True when no JWT_SECRET was given and a random one was made for this process. */
    readonly secretIsEphemeral: boolean;
    readonly accessTtlSeconds: number;
    readonly issuer: string;
    readonly audience: string;
    readonly clockSkewSeconds: number;
    /** Asymmetric keys; the first signs. Empty: HS256 with `secret` signs. */
    readonly signingKeys: readonly ConfiguredSigningKey[];
  };
  readonly session: {
    readonly idleTtlSeconds: number;
    readonly absoluteTtlSeconds: number;
    readonly purgeIntervalSeconds: number;
  };
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
  readonly chat: {
    /** Per-socket budget for message:send: `points` messages per `windowSeconds`. */
    readonly rateLimit: { readonly points: number; readonly windowSeconds: number };
    /** Authors may edit or delete their messages this long after sending. */
    readonly editWindowSeconds: number;
  };
  readonly argon2: {
    readonly memoryCostKib: number;
    readonly timeCost: number;
    readonly parallelism: 1;
  };
}
