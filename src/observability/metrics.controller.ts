import { timingSafeEqual, createHash } from 'node:crypto';
import type { Context } from 'koa';
import { Ctx, Controller, Get, HeaderParam } from 'routing-controllers';
import { OpenAPI } from 'routing-controllers-openapi';
import { Inject, Service } from 'typedi';
import { ApiRoute } from '../common/openapi/api-route.decorator';
import { NotFoundError, UnauthorizedError } from '../common/errors/app-error';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { AppMetrics } from '../metrics/app-metrics';

/**
 * GET /metrics on the public port, for Prometheus. Served only when METRICS_TOKEN is set, and
 * only to a request that carries it as a Bearer token; otherwise it does not exist (404), so an
 * instance without the setting reveals nothing. METRICS_PORT serves the same text on an internal
 * interface instead (metrics-server.ts).
 */
@Service()
@Controller('/metrics')
export class MetricsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: AppMetrics,
  ) {}

  @Get()
  @ApiRoute({
    summary: 'Prometheus metrics (text format), with METRICS_TOKEN as a Bearer token; absent (404) when METRICS_TOKEN is unset',
    errors: { 401: ['metrics_token_invalid'], 404: ['route_not_found'] },
  })
  @OpenAPI({ responses: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } } } })
  async scrape(@Ctx() ctx: Context, @HeaderParam('authorization') authorization?: string): Promise<string> {
    const expected = this.config.metrics.token;
    if (expected === undefined) throw new NotFoundError('route_not_found', 'No route matches this request.');
    if (!bearerMatches(authorization, expected)) {
      ctx.set('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new UnauthorizedError('metrics_token_invalid', 'A valid metrics token is required.');
    }
    ctx.type = this.metrics.contentType;
    return this.metrics.scrape();
  }
}

/** Constant-time, whatever the length of what was sent: both sides are hashed to 32 bytes first. */
export function bearerMatches(header: string | undefined, expected: string): boolean {
  const match = /^Bearer ([^\s]+)$/.exec(header ?? '');
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match?.[1] ?? ''), digest(expected)) && match !== null;
}
