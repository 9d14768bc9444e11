import { Redis } from 'ioredis';
import { Inject, Service } from 'typedi';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';

/**
 * Pings the Redis of REDIS_URL for readiness, on a connection of its own: the adapter's and the
 * limiters' clients queue commands and retry, which is right for them and wrong for a probe that
 * must answer "down" within its timeout.
 */
@Service()
export class RedisProbe {
  private client?: Redis;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return this.config.redisUrl !== undefined;
  }

  async isUp(timeoutMs: number): Promise<boolean> {
    if (!this.config.redisUrl) return false;
    this.client ??= new Redis(this.config.redisUrl, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: timeoutMs,
      // Reconnects quietly in the background; the next probe finds out whether it worked.
      retryStrategy: () => Math.min(timeoutMs, 1_000),
    });
    // Without a listener ioredis prints every failed reconnect; the probe's answer says it already.
    if (this.client.listenerCount('error') === 0) this.client.on('error', () => undefined);
    try {
      if (this.client.status === 'wait') await this.client.connect();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('redis ping timed out')), timeoutMs)));
      try {
        return (await Promise.race([this.client.ping(), timeout])) === 'PONG';
      } finally {
        clearTimeout(timer);
      }
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.client?.disconnect();
    this.client = undefined;
  }
}
