import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config/load-config';
import { PasswordHasher } from '../src/security/password-hasher';
import { median, timeEach, type BenchRow } from './stats';

/**
 * What an attacker pays per guess: our argon2id hash against the article's PBKDF2-SHA1 with one
 * iteration, measured in the same run. The ratio is the slowdown we bought.
 */
export async function benchPasswordHashing(samples = 20): Promise<BenchRow> {
  const hasher = new PasswordHasher(loadConfig({ NODE_ENV: 'test' }));
  const salt = randomBytes(16);
  const article = await timeEach(samples * 50, async () => pbkdf2Sync('correct horse battery staple', salt, 1, 64, 'sha1'));
  const argon = await timeEach(samples, () => hasher.hash('correct horse battery staple'));
  return {
    name: 'hash one password (argon2id m=19MiB t=2 p=1)',
    baseline: "article's PBKDF2-SHA1 x1",
    medianMs: median(argon),
    baselineMedianMs: median(article),
  };
}
