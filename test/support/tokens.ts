import { randomUUID } from 'node:crypto';
import jwt, { type SignOptions } from 'jsonwebtoken';
import type { AppConfig } from '../../src/config/app-config';

/**
 * Forges access tokens with the test configuration's secret, to pin every verification rule.
 * `claims` and `options` override the well-formed defaults one at a time.
 */
export function forgeToken(
  config: AppConfig,
  userId: string,
  claims: Record<string, unknown> = {},
  options: SignOptions = {},
  secret: string = config.jwt.secret,
): string {
  return jwt.sign({ ver: 0, token_use: 'access', ...claims }, secret, {
    algorithm: 'HS256',
    expiresIn: 60,
    subject: userId,
    issuer: config.jwt.issuer,
    audience: config.jwt.audience,
    jwtid: randomUUID(),
    ...options,
  });
}

/** A token with {"alg":"none"} and no signature, as RFC 8725 attacks send it. */
export function unsignedToken(config: AppConfig, userId: string): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const payload = {
    sub: userId,
    ver: 0,
    token_use: 'access',
    iat: now,
    exp: now + 60,
    iss: config.jwt.issuer,
    aud: config.jwt.audience,
    jti: randomUUID(),
  };
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
}
