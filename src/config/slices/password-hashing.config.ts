import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import type { ConfigSlice } from '../config-slice';

export class PasswordHashingVariables {
  // OWASP's floor for argon2id is m=19 MiB, t=2, p=1: the validators refuse anything weaker.
  @Type(() => Number)
  @IsInt()
  @Min(19_456)
  @Max(1_048_576)
  ARGON2_MEMORY_KIB = 19_456;

  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(10)
  ARGON2_TIME_COST = 2;
}

export interface PasswordHashingConfig {
  readonly argon2: {
    readonly memoryCostKib: number;
    readonly timeCost: number;
    readonly parallelism: 1;
  };
}

/** argon2id cost (security/password-hasher.ts). */
export const passwordHashingConfig: ConfigSlice<PasswordHashingVariables, PasswordHashingConfig> = {
  variables: PasswordHashingVariables,
  build: (vars) => ({ argon2: { memoryCostKib: vars.ARGON2_MEMORY_KIB, timeCost: vars.ARGON2_TIME_COST, parallelism: 1 } }),
};
