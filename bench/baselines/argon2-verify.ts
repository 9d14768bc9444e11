import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { serveJobs } from '../support/rpc';
import { elapsedMs, median } from '../support/stats';

/**
 * Baseline (d): argon2id verification alone, at the parameters the app is configured with
 * (ARGON2_MEMORY_KIB, ARGON2_TIME_COST, p=1), as many per second as this process's cores allow.
 * @node-rs/argon2 runs on libuv's pool, so `concurrency` verifications are kept in flight.
 */
const ARGON2ID = 2 as Algorithm; // a const enum in the typings: see src/auth/password-hasher.ts
const options = {
  algorithm: ARGON2ID,
  memoryCost: Number(process.env.ARGON2_MEMORY_KIB ?? 19_456),
  timeCost: Number(process.env.ARGON2_TIME_COST ?? 2),
  parallelism: 1,
};
const password = 'correct horse battery staple';
const stored = hash(password, options);

async function verifiesPerSecond(input: { durationMs: number; concurrency: number }): Promise<number> {
  const passwordHash = await stored;
  const started = process.hrtime.bigint();
  let done = 0;
  const lane = async () => {
    while (elapsedMs(started) < input.durationMs) {
      if (!(await verify(passwordHash, password))) throw new Error('argon2 verify failed');
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: input.concurrency }, lane));
  return done / (elapsedMs(started) / 1000);
}

/** What one guess costs: argon2id against the article's PBKDF2-SHA1 with one iteration (ms each). */
async function hashCost(input: { samples: number }): Promise<{ argon2Ms: number; pbkdf2Ms: number }> {
  const salt = randomBytes(128);
  const time = async (fn: () => unknown) => {
    const started = process.hrtime.bigint();
    await fn();
    return elapsedMs(started);
  };
  const argon: number[] = [];
  const pbkdf2: number[] = [];
  for (let i = 0; i < input.samples; i += 1) {
    argon.push(await time(() => hash(password, options)));
    // Timed in batches of 100: one PBKDF2 iteration is below the timer's resolution.
    pbkdf2.push((await time(() => Array.from({ length: 100 }, () => pbkdf2Sync(password, salt, 1, 128, 'sha1')))) / 100);
  }
  return { argon2Ms: median(argon), pbkdf2Ms: median(pbkdf2) };
}

void stored.then(() => serveJobs({ verifiesPerSecond, hashCost }));
