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
    const client = (this.client ??= connect(this.config.redisUrl, timeoutMs));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('redis ping timed out')), timeoutMs)));
    try {
      if (client.status === 'wait') await Promise.race([client.connect(), timeout]);
      return (await Promise.race([client.ping(), timeout])) === 'PONG';
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.client?.disconnect();
    this.client = undefined;
  }
}

function connect(url: string, timeoutMs: number): Redis {
  const client = new Redis(url, {
    lazyConnect: true,
    // A probe must answer now: no queue while disconnected, no retries of a command.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    // Reconnects quietly in the background; the next probe finds out whether it worked.
    retryStrategy: () => Math.min(timeoutMs, 1_000),
  });
  // Without a listener ioredis prints every failed reconnect; the probe's answer says it already.
  client.on('error', () => undefined);
  return client;
}
