import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Inject, Service } from 'typedi';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import type { UserRecord } from '../users/user-record';
import { ACCESS_TOKEN_USE } from './access-token';
import { JwtKeyRing } from './jwt-key-ring';

export interface IssuedAccessToken {
  accessToken: string;
  /** Lifetime in seconds, as OAuth's expires_in. */
  expiresIn: number;
  expiresAt: Date;
}

@Service()
export class TokenService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: JwtKeyRing,
  ) {}

  /** Signs an access token; `sessionId` (claim sid) ties it to the session it was issued under. */
  issueAccessToken(user: Pick<UserRecord, 'id' | 'tokenVersion'>, sessionId: string): IssuedAccessToken {
    const { algorithm, key, kid } = this.keys.signingKey();
    const expiresIn = this.config.jwt.accessTtlSeconds;
    // iat is fixed here so expiresAt matches the token's exp to the second.
    const iat = Math.floor(Date.now() / 1000);
    const claims = { iat, ver: user.tokenVersion, token_use: ACCESS_TOKEN_USE, sid: sessionId };
    const accessToken = jwt.sign(claims, key, {
      algorithm,
      ...(kid ? { keyid: kid } : {}),
      expiresIn,
      subject: user.id,
      issuer: this.config.jwt.issuer,
      audience: this.config.jwt.audience,
      jwtid: randomUUID(),
    });
    return { accessToken, expiresIn, expiresAt: new Date((iat + expiresIn) * 1000) };
  }
}
