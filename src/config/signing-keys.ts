import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * Asymmetric algorithms we sign with. jsonwebtoken 9 has no EdDSA, so ES256 (P-256) is the one
 * offered; adding another is one entry here plus its curve or key type.
 */
export const ASYMMETRIC_ALGORITHMS = ['ES256'] as const;
export type AsymmetricAlgorithm = (typeof ASYMMETRIC_ALGORITHMS)[number];

const CURVE: Record<AsymmetricAlgorithm, string> = { ES256: 'prime256v1' };
const KID = /^[A-Za-z0-9._-]{1,64}$/;

/** One configured key. The first key of the list signs; the others only verify (rotation). */
export interface ConfiguredSigningKey {
  readonly kid: string;
  readonly algorithm: AsymmetricAlgorithm;
  readonly publicKeyPem: string;
  /** Present for keys given as private keys; required for the first (signing) key. */
  readonly privateKeyPem?: string;
}

export type ReadFile = (path: string) => string;

/**
 * Parses JWT_SIGNING_KEYS: entries `kid:alg:source` separated by commas or newlines, where source
 * is a PEM file path or `base64:<base64 of the PEM>`. Returns every problem at once; messages
 * name the kid or the path, never key material.
 */
export function parseSigningKeys(
  spec: string | undefined,
  readFile: ReadFile = (path) => readFileSync(path, 'utf8'),
): { keys: ConfiguredSigningKey[]; problems: string[] } {
  const keys: ConfiguredSigningKey[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const entries = (spec ?? '')
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  entries.forEach((entry, index) => {
    const [kid = '', algorithm = '', ...rest] = entry.split(':');
    const source = rest.join(':');
    const where = `JWT_SIGNING_KEYS[${index}]`;
    if (!KID.test(kid)) return problems.push(`${where}: kid must match ${KID.source}`);
    if (seen.has(kid)) return problems.push(`${where}: kid "${kid}" is listed twice`);
    seen.add(kid);
    if (!(ASYMMETRIC_ALGORITHMS as readonly string[]).includes(algorithm)) {
      return problems.push(`${where} (${kid}): algorithm must be one of ${ASYMMETRIC_ALGORITHMS.join(', ')}`);
    }
    const pem = readPem(source, readFile);
    if (pem === undefined) return problems.push(`${where} (${kid}): cannot read the key (give a PEM file path or base64:<PEM>)`);
    const parsed = toKey(pem, algorithm as AsymmetricAlgorithm);
    if (typeof parsed === 'string') return problems.push(`${where} (${kid}): ${parsed}`);
    if (index === 0 && !parsed.privateKeyPem) return problems.push(`${where} (${kid}): the first key signs, so it must be a private key`);
    keys.push({ kid, algorithm: algorithm as AsymmetricAlgorithm, ...parsed });
    return undefined;
  });
  return { keys, problems };
}

function readPem(source: string, readFile: ReadFile): string | undefined {
  try {
    if (source.startsWith('base64:')) return Buffer.from(source.slice('base64:'.length), 'base64').toString('utf8');
    return source ? readFile(source) : undefined;
  } catch {
    return undefined;
  }
}

/** Accepts a private or a public PEM key of the algorithm's type; says why otherwise. */
function toKey(pem: string, algorithm: AsymmetricAlgorithm): { publicKeyPem: string; privateKeyPem?: string } | string {
  let privateKey: KeyObject | undefined;
  let publicKey: KeyObject;
  try {
    if (pem.includes('PRIVATE KEY')) {
      privateKey = createPrivateKey(pem);
      publicKey = createPublicKey(privateKey);
    } else {
      publicKey = createPublicKey(pem);
    }
  } catch {
    return 'is not a PEM private or public key';
  }
  if (publicKey.asymmetricKeyType !== 'ec' || publicKey.asymmetricKeyDetails?.namedCurve !== CURVE[algorithm]) {
    return `${algorithm} needs an EC key on ${CURVE[algorithm]}`;
  }
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    ...(privateKey ? { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() } : {}),
  };
}
