import { generateKeyPairSync } from 'node:crypto';

export interface TestKeyPair {
  kid: string;
  privateKeyPem: string;
  publicKeyPem: string;
}

/** A fresh P-256 key pair for ES256. */
export function anEs256KeyPair(kid: string): TestKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    kid,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** JWT_SIGNING_KEYS for these keys, inline as base64 PEM; the first signs. `publicOnly` kids get their public key only. */
export function signingKeysEnv(keys: TestKeyPair[], publicOnly: string[] = []): string {
  return keys
    .map((key) => {
      const pem = publicOnly.includes(key.kid) ? key.publicKeyPem : key.privateKeyPem;
      return `${key.kid}:ES256:base64:${Buffer.from(pem).toString('base64')}`;
    })
    .join(',');
}
