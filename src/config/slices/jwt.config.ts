import { randomBytes } from 'node:crypto';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import type { ConfigSlice } from '../config-slice';
import { secretWeakness } from '../secret-strength';
import { parseSigningKeys, type ConfiguredSigningKey } from '../signing-keys';

export class JwtVariables {
  @IsOptional()
  @IsString()
  @MinLength(1)
  JWT_SECRET?: string;

  @Type(() => Number)
  @IsInt()
  @Min(30)
  @Max(86_400)
  JWT_ACCESS_TTL!: number;

  @IsString()
  @MinLength(1)
  JWT_ISSUER!: string;

  @IsString()
  @MinLength(1)
  JWT_AUDIENCE!: string;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(300)
  JWT_CLOCK_SKEW = 30;

  /**
   * Asymmetric signing keys, `kid:alg:path-or-base64:PEM` separated by commas; the first signs,
   * the rest verify until their tokens expire. Parsed and checked by signing-keys.ts.
   */
  @IsOptional()
  @IsString()
  JWT_SIGNING_KEYS?: string;
}

export interface JwtConfig {
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
}

/** Access tokens: how they are signed, for whom, and how long they live. */
export const jwtConfig: ConfigSlice<JwtVariables, JwtConfig> = {
  variables: JwtVariables,
  problems: (vars, nodeEnv) => {
    const signing = parseSigningKeys(vars.JWT_SIGNING_KEYS);
    if (nodeEnv !== 'production') return signing.problems;
    // With asymmetric keys the HMAC secret is optional (it then only verifies older HS256 tokens).
    const weakness =
      vars.JWT_SECRET === undefined ? (signing.keys.length > 0 ? undefined : 'required in production') : secretWeakness(vars.JWT_SECRET);
    return weakness ? [...signing.problems, `JWT_SECRET: ${weakness}`] : signing.problems;
  },
  build: (vars) => ({
    jwt: {
      // Outside production a missing secret gets a random one per process: nothing to commit, nothing to leak.
      secret: vars.JWT_SECRET ?? randomBytes(48).toString('base64'),
      secretIsEphemeral: vars.JWT_SECRET === undefined,
      accessTtlSeconds: vars.JWT_ACCESS_TTL,
      issuer: vars.JWT_ISSUER,
      audience: vars.JWT_AUDIENCE,
      clockSkewSeconds: vars.JWT_CLOCK_SKEW,
      signingKeys: parseSigningKeys(vars.JWT_SIGNING_KEYS).keys,
    },
  }),
};
