/** Values from .env.example, docs and tutorials that must never sign a production token. */
const KNOWN_EXAMPLE_SECRETS = new Set([
  'replace-with-output-of-openssl-rand-base64-48',
  'secret',
  'changeme',
  'change-me',
  'your-secret-key',
  'jwt-secret',
]);

const MIN_SECRET_BYTES = 32;
const MIN_DISTINCT_CHARACTERS = 12;

/** Says why a signing secret is too weak for production, or returns undefined when it will do. */
export function secretWeakness(secret: string): string | undefined {
  if (KNOWN_EXAMPLE_SECRETS.has(secret.trim().toLowerCase())) return 'is a published example value';
  if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) return `must be at least ${MIN_SECRET_BYTES} bytes`;
  // A long run of one or two characters passes the length test but has almost no entropy.
  if (new Set(secret).size < MIN_DISTINCT_CHARACTERS) return 'has too little variety to be random';
  return undefined;
}
