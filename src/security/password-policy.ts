import { dictionary } from '@zxcvbn-ts/language-common';

/** Length bounds from NIST SP 800-63B: at least 8, and a cap so hashing cost stays bounded. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * NIST SP 800-63B asks to refuse passwords from breach corpora. @zxcvbn-ts ships ~49k of the most
 * common ones (all lowercase; the export is `dictionary['passwords-common']`); only those long
 * enough to pass the length rule matter. Built on first use, kept for the process.
 */
let commonPasswords: ReadonlySet<string> | undefined;

export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common'].filter((entry) => entry.length >= PASSWORD_MIN_LENGTH));
  return commonPasswords.has(password.toLowerCase());
}

/** The email is the first thing an attacker tries; compared without case or surrounding spaces. */
export function isSameAsEmail(password: string, email: string): boolean {
  return password.trim().toLowerCase() === email.trim().toLowerCase();
}

/** Why a new password is refused (messages for field errors), or an empty list. */
export function passwordProblems(password: string, email?: string): string[] {
  const problems: string[] = [];
  if (isCommonPassword(password)) problems.push('password is too common; choose a less guessable one');
  if (email !== undefined && isSameAsEmail(password, email)) problems.push('password must not be the email address');
  return problems;
}
