/**
 * Refresh tokens issued before they carried their session id: 43 base64url characters, no dot.
 * Their sessions can only be found by `tokenHash` (a full scan on FerretDB 1.x), so they take the
 * slow path until they die out: once rotated, a session holds a new-shape token.
 *
 * DELETE this file, its use in refresh-token.ts and SessionRepository.findByTokenHash one
 * REFRESH_ABSOLUTE_TTL_SECONDS (60 days by default) after the release that introduced
 * `<session id>.<secret>` tokens: no session holding a legacy token can be alive by then.
 * Refusing them at once would log every user out at the deploy, and the logins that follow cost
 * an argon2id verify each (docs/security.md, "Refresh tokens").
 */
const LEGACY = /^[A-Za-z0-9_-]{43}$/;

export function isLegacyRefreshToken(token: string): boolean {
  return LEGACY.test(token);
}
