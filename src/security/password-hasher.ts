import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import pLimit from 'p-limit';
import { Inject, Service } from 'typedi';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';

/**
 * argon2id hashing through @node-rs/argon2, which runs on libuv's thread pool: hashing never
 * blocks the event loop. Verification is constant-time inside the library.
 *
 * At most (cores - 1, at least 1) hashes run at once, the rest wait their turn: libuv's pool
 * would run 4, and on a machine with fewer free cores the hashing threads then took the event
 * loop's CPU, so a login flood multiplied the latency of every other request (the bench's p99
 * of authenticated GETs during a flood). Logins/s stay what the cores allow either way.
 */
// Algorithm is a `const enum` in the typings and an empty object at run time, so its value is
// spelled out here to work under every compiler mode (tsc, ts-jest, ts-node --transpile-only).
const ARGON2ID = 2 as Algorithm;

@Service()
export class PasswordHasher {
  private readonly options: { algorithm: Algorithm; memoryCost: number; timeCost: number; parallelism: number };
  private dummyHash?: Promise<string>;
  // availableParallelism() honours CPU affinity (taskset, container cpusets).
  private readonly oneCoreLeft = pLimit(Math.max(1, availableParallelism() - 1));

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.options = {
      algorithm: ARGON2ID,
      memoryCost: config.argon2.memoryCostKib,
      timeCost: config.argon2.timeCost,
      parallelism: config.argon2.parallelism,
    };
  }

  hash(password: string): Promise<string> {
    return this.oneCoreLeft(() => hash(password, this.options));
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await this.oneCoreLeft(() => verify(passwordHash, password));
    } catch {
      // A corrupt stored hash is a failed login, not a 500.
      return false;
    }
  }

  /**
   * Spends the same work as a real verification, for logins with an unknown email, so the
   * response time does not reveal whether the account exists.
   */
  async verifyAgainstDummy(password: string): Promise<false> {
    this.dummyHash ??= this.hash(randomBytes(32).toString('base64'));
    await this.verify(await this.dummyHash, password);
    return false;
  }

  /** True when the hash was made with other parameters than the configured ones. */
  needsRehash(passwordHash: string): boolean {
    const params = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(passwordHash);
    if (!params) return true;
    const [, memory, time, parallelism] = params.map(Number);
    return memory !== this.options.memoryCost || time !== this.options.timeCost || parallelism !== this.options.parallelism;
  }
}
