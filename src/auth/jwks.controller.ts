import { Get, Header, JsonController } from 'routing-controllers';
import { Service } from 'typedi';
import { JwtKeyRing, type PublicJwk } from './jwt-key-ring';

/** RFC 7517 key set, so other services can verify our access tokens without holding a secret. */
@Service()
@JsonController('/.well-known')
export class JwksController {
  constructor(private readonly keys: JwtKeyRing) {}

  @Get('/jwks.json')
  // Verifiers may cache briefly; a rotated-in key must still appear within minutes.
  @Header('Cache-Control', 'public, max-age=300')
  jwks(): { keys: PublicJwk[] } {
    return { keys: this.keys.publicJwks() };
  }
}
