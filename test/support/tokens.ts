import { randomBytes, randomUUID } from 'node:crypto';
import jwt, { type JwtPayload, type SignOptions } from 'jsonwebtoken';
import type { AppConfig } from '../../src/config/app-config';

/** Whom a forged token speaks for: a logged-in user (its session is reused) or a bare user id. */
export type TokenSubject = string | { id: string; accessToken: string };

/**
 * Forges access tokens with the test configuration's secret, to pin every verification rule.
 * `claims` and `options` override the well-formed defaults one at a time. Like every token the
 * app issues, it carries a session id: the logged-in user's own, or for a bare user id a made-up
 * one (which the app refuses as revoked, since no such session exists).
 */
export function forgeToken(
  config: AppConfig,
  subject: TokenSubject,
  claims: Record<string, unknown> = {},
  options: SignOptions = {},
  secret: string = config.jwt.secret,
): string {
  const userId = typeof subject === 'string' ? subject : subject.id;
  const sid = typeof subject === 'string' ? randomBytes(12).toString('hex') : sessionIdOf(subject.accessToken);
  return jwt.sign({ ver: 0, token_use: 'access', sid, ...claims }, secret, {
    algorithm: 'HS256',
    expiresIn: 60,
    subject: userId,
    issuer: config.jwt.issuer,
    audience: config.jwt.audience,
    jwtid: randomUUID(),
    ...options,
  });
}

/** The session id (sid claim) of an access token the app issued. */
export function sessionIdOf(accessToken: string): string {
  return (jwt.decode(accessToken) as JwtPayload & { sid: string }).sid;
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
