/**
 * The one form an email is stored, looked up and counted in (users' unique index, throttling keys):
 * surrounding space trimmed, lower case.
 */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
