import { Get, JsonController } from 'routing-controllers';
import { ResponseSchema } from 'routing-controllers-openapi';
import { Inject, Service } from 'typedi';
import { ApiRoute } from '../common/openapi/api-route.decorator';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { isDatabaseUp } from '../database/connect-database';
import { ShutdownState } from '../lifecycle/shutdown-state';
import { HealthStatusDto, LiveStatusDto } from './dto/health-status.dto';
import { DependencyDownError, DrainingError } from './health.errors';
import { RedisProbe } from './redis-probe';

export interface Readiness {
  status: 'ok';
  db: 'up';
  /** Only when REDIS_URL is set. */
  redis?: 'up';
}

/**
 * Liveness and readiness. Live: the process serves HTTP (the Docker HEALTHCHECK: a database
 * outage must not get replicas restarted). Ready: this instance should get traffic (load
 * balancers): not shutting down, MongoDB answers, and Redis when configured.
 */
@Service()
@JsonController('/health')
export class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly shutdown: ShutdownState,
    private readonly redis: RedisProbe,
  ) {}

  @Get('/live')
  @ApiRoute({ summary: 'Liveness: the process serves HTTP (the Docker HEALTHCHECK)' })
  @ResponseSchema(LiveStatusDto)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('/ready')
  @ApiRoute({
    summary: 'Readiness: not shutting down, MongoDB and (when configured) Redis answer',
    errors: { 503: ['shutting_down', 'db_unavailable', 'redis_unavailable'] },
  })
  @ResponseSchema(HealthStatusDto)
  async ready(): Promise<Readiness> {
    if (this.shutdown.draining) throw new DrainingError();
    const timeoutMs = this.config.database.operationTimeoutMs;
    const [db, redis] = await Promise.all([isDatabaseUp(timeoutMs), this.redis.configured ? this.redis.isUp(timeoutMs) : undefined]);
    if (!db) throw new DependencyDownError('db');
    if (redis === false) throw new DependencyDownError('redis');
    // Checked again: a shutdown may have begun while the pings were out.
    if (this.shutdown.draining) throw new DrainingError();
    return { status: 'ok', db: 'up', ...(redis ? { redis: 'up' as const } : {}) };
  }

  /** The original path, kept for existing probes: the same as /health/ready. */
  @Get()
  @ApiRoute({
    summary: 'Readiness, at its original path (an alias of /health/ready)',
    errors: { 503: ['shutting_down', 'db_unavailable', 'redis_unavailable'] },
  })
  @ResponseSchema(HealthStatusDto)
  check(): Promise<Readiness> {
    return this.ready();
  }
}
