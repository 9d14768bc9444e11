import { Type } from 'class-transformer';
import { Equals, IsOptional, IsString, ValidateNested } from 'class-validator';

/** One public key of the set (RFC 7517): RSA keys carry n and e, EC and OKP keys crv, x (and y). */
export class PublicJwkDto {
  @IsString()
  kty!: string;

  @IsString()
  kid!: string;

  @IsString()
  alg!: string;

  @Equals('sig')
  use!: 'sig';

  @IsOptional()
  @IsString()
  n?: string;

  @IsOptional()
  @IsString()
  e?: string;

  @IsOptional()
  @IsString()
  crv?: string;

  @IsOptional()
  @IsString()
  x?: string;

  @IsOptional()
  @IsString()
  y?: string;
}

/** GET /.well-known/jwks.json. Empty while tokens are signed with the HMAC secret only. */
export class JwksDto {
  @ValidateNested({ each: true })
  @Type(() => PublicJwkDto)
  keys!: PublicJwkDto[];
}
