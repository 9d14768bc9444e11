import { openSuccessor, sealSuccessor } from '../../../src/sessions/refresh-successor';
import { generateRefreshToken, hashRefreshToken } from '../../../src/sessions/refresh-token';

describe('sealed refresh-token successors', () => {
  const SESSION = '0123456789abcdef01234567';
  const spent = generateRefreshToken(SESSION);
  const successor = generateRefreshToken(SESSION);

  it('opens with the spent token and yields the successor', () => {
    expect(openSuccessor(spent, sealSuccessor(spent, successor))).toBe(successor);
  });

  it('never contains the successor, and two seals of it differ', () => {
    const sealed = sealSuccessor(spent, successor);
    expect(sealed).not.toContain(successor);
    expect(sealSuccessor(spent, successor)).not.toBe(sealed);
  });

  it('does not open with another token, nor with the stored hash of the spent one', () => {
    const sealed = sealSuccessor(spent, successor);
    expect(openSuccessor(generateRefreshToken(SESSION), sealed)).toBeUndefined();
    expect(openSuccessor(hashRefreshToken(spent), sealed)).toBeUndefined();
  });

  it('refuses a tampered or truncated seal without throwing', () => {
    const sealed = Buffer.from(sealSuccessor(spent, successor), 'base64url');
    sealed[sealed.length - 1] ^= 1;
    expect(openSuccessor(spent, sealed.toString('base64url'))).toBeUndefined();
    expect(openSuccessor(spent, 'AAAA')).toBeUndefined();
    expect(openSuccessor(spent, '')).toBeUndefined();
  });
});
