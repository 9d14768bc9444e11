import { randomBytes } from 'node:crypto';
import type { Algorithm } from '@node-rs/argon2';
import { Inject, Service } from 'typedi';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { HashingThreads } from './hashing-threads';

/**
 * argon2id hashing through @node-rs/argon2, on HashingThreads: never on the event loop, and at a
 * lower priority than it. At most (cores - 1, at least 1) hashes run at once; libuv's pool would
 * run 4 at the event loop's priority, and on a machine with few free cores a login flood then
 * multiplied the latency of every other request (the bench's p99 of authenticated GETs during a
 * flood). Verification is constant-time inside the library.
 */
// Algorithm is a `const enum` in the typings and an empty object at run time, so its value is
// spelled out here to work under every compiler mode (tsc, ts-jest, ts-node --transpile-only).
const ARGON2ID = 2 as Algorithm;

@Service()
export class PasswordHasher {
  private readonly options: { algorithm: Algorithm; memoryCost: number; timeCost: number; parallelism: number };
  private dummyHash?: Promise<string>;
  private readonly threads = new HashingThreads();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.options = {
      algorithm: ARGON2ID,
      memoryCost: config.argon2.memoryCostKib,
      timeCost: config.argon2.timeCost,
      parallelism: config.argon2.parallelism,
    };
  }

  hash(password: string): Promise<string> {
    return this.threads.run<string>({ op: 'hash', args: [password, this.options] });
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await this.threads.run<boolean>({ op: 'verify', args: [passwordHash, password] });
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
