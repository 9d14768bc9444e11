import { Equals } from 'class-validator';

/** The schema of GET /health's answer in the OpenAPI document. */
export class HealthStatusDto {
  @Equals('ok')
  status!: 'ok';

  @Equals('up')
  db!: 'up';
}
