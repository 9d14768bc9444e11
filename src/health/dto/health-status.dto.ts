import { Equals, IsOptional } from 'class-validator';

/** The schema of GET /health/live's answer in the OpenAPI document. */
export class LiveStatusDto {
  @Equals('ok')
  status!: 'ok';
}

/** The schema of GET /health/ready's (and GET /health's) answer in the OpenAPI document. */
export class HealthStatusDto extends LiveStatusDto {
  @Equals('up')
  db!: 'up';

  /** Only when REDIS_URL is set. */
  @IsOptional()
  @Equals('up')
  redis?: 'up';
}
