import { Get, Header, JsonController } from 'routing-controllers';
import { ResponseSchema } from 'routing-controllers-openapi';
import { Service } from 'typedi';
import { ApiRoute } from '../common/openapi/api-route.decorator';
import { JwksDto } from './dto/jwks.dto';
import { JwtKeyRing, type PublicJwk } from './jwt-key-ring';

/** RFC 7517 key set, so other services can verify our access tokens without holding a secret. */
@Service()
@JsonController('/.well-known')
export class JwksController {
  constructor(private readonly keys: JwtKeyRing) {}

  @Get('/jwks.json')
  @ApiRoute({ summary: 'The public keys that verify access tokens (RFC 7517)' })
  @ResponseSchema(JwksDto)
  // Verifiers may cache briefly; a rotated-in key must still appear within minutes.
  @Header('Cache-Control', 'public, max-age=300')
  jwks(): { keys: PublicJwk[] } {
    return { keys: this.keys.publicJwks() };
  }
}
