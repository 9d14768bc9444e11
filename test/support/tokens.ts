import { createHmac, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import jwt, { type JwtHeader, type JwtPayload, type SignOptions } from 'jsonwebtoken';
import type { AppConfig } from '../../src/config/app-config';

/** The one set of token helpers of the suites: forged, raw and hostile access tokens. */

export const nowInSeconds = (): number => Math.floor(Date.now() / 1000);
export const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

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

/**
 * Signs exactly the given claims (HS256, no defaults added), for the cases forgeToken cannot
 * express: a missing audience, a non-string subject.
 */
export function signExactClaims(payload: Record<string, unknown>, secret: string): string {
  return jwt.sign(payload, secret, { algorithm: 'HS256', noTimestamp: true });
}

/** A well-formed token for `userId`, signed with `key` under exactly `header` (its alg included). */
export function signWithHeader(
  config: AppConfig,
  userId: string,
  key: KeyObject | string,
  header: { alg: jwt.Algorithm; [field: string]: unknown },
): string {
  return jwt.sign({ ver: 0, token_use: 'access' }, key, {
    algorithm: header.alg,
    header: header as unknown as JwtHeader,
    subject: userId,
    issuer: config.jwt.issuer,
    audience: config.jwt.audience,
    jwtid: 'x',
    expiresIn: 60,
  });
}

/** A token with {"alg":"none"} and no signature, as RFC 8725 attacks send it. */
export function unsignedToken(config: AppConfig, userId: string): string {
  const now = nowInSeconds();
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
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`;
}

/** A correctly HS256-signed token whose payload segment is any JSON text (e.g. `null`, `[]`). */
export function signRawPayload(payloadJson: string, secret: string): string {
  const signingInput = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${Buffer.from(payloadJson).toString('base64url')}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

/** Replaces one part (0 header, 1 payload, 2 signature) of a compact JWT. */
export function replacePart(token: string, index: 0 | 1 | 2, part: string): string {
  const parts = token.split('.');
  parts[index] = part;
  return parts.join('.');
}
