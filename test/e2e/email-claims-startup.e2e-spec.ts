import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import mongoose, { type Connection } from 'mongoose';
import { freePort } from '../../dev/free-port';
import { lineCollector } from '../support/process-output';

const ROOT = join(__dirname, '..', '..');

/**
 * The upgrade an operator does: a database with accounts and no email claims, then the new
 * release's `main` (through ts-node here; the image runs the same file compiled). Its accounts
 * must log in without any command run by hand.
 */
describe('start-up: accounts stored before email claims', () => {
  let connection: Connection;
  let uri: string;
  beforeAll(async () => {
    const base = new URL(process.env.TEST_MONGODB_URI!);
    base.pathname = `/claims_startup_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    uri = base.toString();
    connection = await mongoose.createConnection(uri).asPromise();
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('backfills their claims before listening, so they can log in', async () => {
    const password = 'correct horse battery staple';
    const { insertedId } = await connection.collection('users').insertOne({
      email: 'from.last.release@example.test',
      displayName: 'Old',
      passwordHash: await hash(password),
      roles: ['user'],
      tokenVersion: 0,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        NODE_ENV: 'production',
        MONGODB_URI: uri,
        JWT_SECRET: randomBytes(48).toString('base64'),
        HOST: '127.0.0.1',
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = lineCollector(child.stdout);
    const errors = lineCollector(child.stderr);
    try {
      await output
        .waitFor((line) => line.includes('"listening"'), 60_000)
        .catch((error: unknown) => {
          throw new Error(`${String(error)}\n${[...output.lines, ...errors.lines].join('\n')}`);
        });
      const claim = await connection.collection('user_emails').findOne({ _id: 'from.last.release@example.test' as never });
      expect(claim?.userId).toEqual(insertedId);
      expect(output.lines.some((line) => line.includes('email claims backfilled'))).toBe(true);
      const res = await fetch(`http://127.0.0.1:${port}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'From.Last.Release@example.test', password }),
      });
      expect(res.status).toBe(200);
    } finally {
      child.kill('SIGKILL');
    }
  }, 90_000);
});
