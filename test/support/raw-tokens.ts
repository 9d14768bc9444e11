import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { AppConfig } from '../../src/config/app-config';
import { sessionIdOf } from './tokens';

export const nowInSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * Signs exactly the given claims (HS256, no defaults added), for the cases forgeToken cannot
 * express: a missing audience, a non-string subject.
 */
export function signExactClaims(payload: Record<string, unknown>, secret: string): string {
  return jwt.sign(payload, secret, { algorithm: 'HS256', noTimestamp: true });
}

/** The claims forgeToken would put in a well-formed access token, as a plain object to edit. */
export function wellFormedClaims(config: AppConfig, user: { id: string; accessToken: string }): Record<string, unknown> {
  const iat = nowInSeconds();
  const sid = sessionIdOf(user.accessToken);
  return {
    sub: user.id,
    iat,
    exp: iat + 60,
    iss: config.jwt.issuer,
    aud: config.jwt.audience,
    jti: 'jti-1',
    ver: 0,
    token_use: 'access',
    sid,
  };
}

/** Replaces one part (0 header, 1 payload, 2 signature) of a compact JWT. */
export function replacePart(token: string, index: 0 | 1 | 2, part: string): string {
  const parts = token.split('.');
  parts[index] = part;
  return parts.join('.');
}

export const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A correctly HS256-signed token whose payload segment is any JSON text (e.g. `null`, `[]`). */
export function signRawPayload(payloadJson: string, secret: string): string {
  const signingInput = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${Buffer.from(payloadJson).toString('base64url')}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}
