import { dictionary } from '@zxcvbn-ts/language-common';
import { isCommonPassword, passwordProblems, PASSWORD_MIN_LENGTH } from '../../../src/security/password-policy';

describe('password policy', () => {
  it('knows at least 10,000 common passwords long enough to pass the length rule', () => {
    const eligible = dictionary['passwords-common'].filter((entry) => entry.length >= PASSWORD_MIN_LENGTH);
    expect(eligible.length).toBeGreaterThanOrEqual(10_000);
    expect(eligible.every(isCommonPassword)).toBe(true);
  });

  it('refuses common passwords whatever their case, and accepts a long passphrase', () => {
    expect(isCommonPassword('PassWord1')).toBe(true);
    expect(isCommonPassword('correct horse battery staple')).toBe(false);
  });

  it('refuses the email as password, case-insensitively', () => {
    expect(passwordProblems('Ann.Smith@Example.test', 'ann.smith@example.test')).toEqual(['password must not be the email address']);
    expect(passwordProblems('a long unrelated passphrase', 'ann.smith@example.test')).toEqual([]);
  });
});
