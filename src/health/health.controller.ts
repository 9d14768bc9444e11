import { Get, JsonController } from 'routing-controllers';
import { ResponseSchema } from 'routing-controllers-openapi';
import { Service } from 'typedi';
import { ApiRoute } from '../common/openapi/api-route.decorator';
import { ServiceUnavailableError } from '../common/errors/app-error';
import { HealthStatusDto } from './dto/health-status.dto';
import { isDatabaseUp } from '../database/connect-database';

/** Liveness and readiness for load balancers and the Docker HEALTHCHECK. */
@Service()
@JsonController('/health')
export class HealthController {
  @Get()
  @ApiRoute({ summary: 'Liveness and database reachability', errors: { 503: ['db_unavailable'] } })
  @ResponseSchema(HealthStatusDto)
  async check(): Promise<{ status: 'ok'; db: 'up' }> {
    if (!(await isDatabaseUp())) throw new ServiceUnavailableError('db_unavailable', 'The database is unreachable.');
    return { status: 'ok', db: 'up' };
  }
}
