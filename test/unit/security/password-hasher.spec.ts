import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { HASHING_NICENESS } from '../../../src/security/hashing-threads';
import { PasswordHasher } from '../../../src/security/password-hasher';
import { testConfig } from '../../support/config';

const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher(testConfig());
  const password = 'correct horse battery staple';
  let stored: string;
  beforeAll(async () => (stored = await hasher.hash(password)));

  describe('hash', () => {
    it('makes an argon2id PHC string with at least OWASP parameters (m>=19456, t>=2, p=1)', () => {
      const [, memory, time, parallelism] = PHC.exec(stored)!.map(Number);
      expect(memory).toBeGreaterThanOrEqual(19456);
      expect(time).toBeGreaterThanOrEqual(2);
      expect(parallelism).toBe(1);
    });

    it('uses the configured cost', async () => {
      const costly = new PasswordHasher(testConfig({ ARGON2_MEMORY_KIB: '20480', ARGON2_TIME_COST: '3' }));
      expect(await costly.hash(password)).toMatch(/^\$argon2id\$v=19\$m=20480,t=3,p=1\$/);
    });

    it('salts every hash', async () => {
      expect(await hasher.hash(password)).not.toBe(stored);
    });

    it('never contains the password', () => {
      expect(stored).not.toContain(password);
    });
  });

  describe('verify', () => {
    it('returns true for the password', async () => {
      expect(await hasher.verify(stored, password)).toBe(true);
    });

    it('returns false for another password', async () => {
      expect(await hasher.verify(stored, `${password}.`)).toBe(false);
      expect(await hasher.verify(stored, '')).toBe(false);
    });

    it.each([
      ['an empty string', ''],
      ['plain text', 'not-a-hash'],
      ['a truncated hash', () => stored.slice(0, -10)],
      ['a bcrypt hash', '$2b$10$abcdefghijklmnopqrstuuJ8kR1e9Yk8bH0ZrZ0r6oW3qG5zYc1dW'],
      ['garbage parameters', '$argon2id$v=19$m=oops,t=2,p=1$c2FsdA$aGFzaA'],
    ])('returns false, without throwing, for a corrupt stored hash: %s', async (_label, corrupt) => {
      const hash = typeof corrupt === 'function' ? corrupt() : corrupt;
      await expect(hasher.verify(hash, password)).resolves.toBe(false);
    });

    it('verifies hashes made with other parameters (so they can be upgraded)', async () => {
      const older = await new PasswordHasher(testConfig({ ARGON2_TIME_COST: '3' })).hash(password);
      expect(await hasher.verify(older, password)).toBe(true);
    });
  });

  describe('verifyAgainstDummy', () => {
    it('returns false whatever the password', async () => {
      expect(await hasher.verifyAgainstDummy(password)).toBe(false);
      expect(await hasher.verifyAgainstDummy('')).toBe(false);
    });
  });

  describe('needsRehash', () => {
    it('returns false for a hash made with the configured parameters', () => {
      expect(hasher.needsRehash(stored)).toBe(false);
    });

    it.each([
      ['a higher time cost', '$argon2id$v=19$m=19456,t=3,p=1$c2FsdHNhbHQ$aGFzaA'],
      ['a lower memory cost', '$argon2id$v=19$m=4096,t=2,p=1$c2FsdHNhbHQ$aGFzaA'],
      ['another parallelism', '$argon2id$v=19$m=19456,t=2,p=4$c2FsdHNhbHQ$aGFzaA'],
      ['argon2i', '$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA'],
      ['an older argon2 version', '$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA'],
      ['a bcrypt hash', '$2b$10$abcdefghijklmnopqrstuuJ8kR1e9Yk8bH0ZrZ0r6oW3qG5zYc1dW'],
      ['garbage', 'not-a-hash'],
    ])('returns true for %s', (_label, hash) => {
      expect(hasher.needsRehash(hash)).toBe(true);
    });

    it('returns true for a hash made before the configured cost went up', async () => {
      const raised = new PasswordHasher(testConfig({ ARGON2_TIME_COST: '3' }));
      expect(raised.needsRehash(stored)).toBe(true);
    });
  });
});

describe('PasswordHasher threads', () => {
  /** The nice value of each thread of this process (Linux: field 19 of /proc/self/task/<tid>/stat). */
  function threadNiceness(): number[] {
    return readdirSync('/proc/self/task').map((tid) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may contain spaces.
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    });
  }

  it('hashes on a thread that runs below the event loop, leaving the event loop at its priority', async () => {
    const lowered = () => threadNiceness().filter((niceness) => niceness === HASHING_NICENESS).length;
    const before = lowered();
    const hasher = new PasswordHasher(testConfig());
    await hasher.hash('correct horse battery staple');
    // A new hasher starts its own thread (those of hashers made earlier in this file may still idle).
    expect(lowered()).toBe(before + 1);
    expect(getPriority()).toBe(0);
  });
});
