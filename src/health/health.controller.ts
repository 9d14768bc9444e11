import { Get, JsonController } from 'routing-controllers';
import { Service } from 'typedi';
import { ServiceUnavailableError } from '../common/errors/app-error';
import { isDatabaseUp } from '../database/connect-database';

/** Liveness and readiness for load balancers and the Docker HEALTHCHECK. */
@Service()
@JsonController('/health')
export class HealthController {
  @Get()
  async check(): Promise<{ status: 'ok'; db: 'up' }> {
    if (!(await isDatabaseUp())) throw new ServiceUnavailableError('db_unavailable', 'The database is unreachable.');
    return { status: 'ok', db: 'up' };
  }
}
