import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { parseRefreshToken } from './refresh-token';

const KEY_INFO = 'koa-jwt-chat refresh-token successor v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The spent token is the key: HKDF-SHA-256 of its 256 random bits, a derivation unrelated to the
 * SHA-256 the ledger stores, so the database alone (hash and sealed successor) cannot open it.
 */
function keyOf(spentToken: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(spentToken, 'utf8'), Buffer.alloc(0), KEY_INFO, 32));
}

/**
 * Seals the successor of a refresh token with AES-256-GCM under a key only that token's holder
 * can derive, so the multi-tab grace can hand the same successor to a second presenter without a
 * usable token ever being stored (docs/security.md, "Multi-tab refresh grace").
 */
export function sealSuccessor(spentToken: string, successor: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyOf(spentToken), iv);
  const body = Buffer.concat([cipher.update(successor, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The successor sealed under `spentToken`, or undefined when the seal does not open with it. */
export function openSuccessor(spentToken: string, sealed: string): string | undefined {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', keyOf(spentToken), raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const successor = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    return parseRefreshToken(successor) ? successor : undefined;
  } catch {
    // A wrong key or a tampered seal fails GCM's tag check: no successor, never a 500.
    return undefined;
  }
}
