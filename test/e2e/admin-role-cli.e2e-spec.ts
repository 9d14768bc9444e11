import { spawn } from 'node:child_process';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { UserModel } from '../../src/users/user.model';
import { registerAndLogin, type LoggedIn } from '../fixtures/users';
import { expectProblem } from '../support/problem';
import { useTestApp } from '../support/suite';

const ROOT = join(__dirname, '..', '..');

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the operator command as a separate process against this file's database. Through ts-node
 * here; the build runs the same file compiled (`node dist/users/admin-role.cli.js`).
 */
function adminCli(...args: string[]): Promise<CliRun> {
  const uri = new URL(process.env.TEST_MONGODB_URI!);
  uri.pathname = `/${mongoose.connection.name}`;
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/users/admin-role.cli.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', MONGODB_URI: uri.toString() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe('operator command: npm run admin:grant / admin:revoke', () => {
  const t = useTestApp();
  let user: LoggedIn;
  beforeEach(async () => {
    user = await registerAndLogin(t.http, { email: 'operator.target@example.test' });
  });
  const listUsers = () => t.http.get('/admin/users').set('Authorization', `Bearer ${user.accessToken}`);

  it('grants the role by the email as login normalises it, and says what it did', async () => {
    expectProblem(await listUsers(), 403, 'forbidden');
    const run = await adminCli('grant', '  Operator.Target@EXAMPLE.test ');
    expect(run).toEqual({ code: 0, stdout: `granted admin: user ${user.id}, roles user,admin\n`, stderr: '' });
    await listUsers().expect(200);

    const again = await adminCli('grant', user.email);
    expect(again.code).toBe(0);
    expect((await UserModel.findById(user.id).lean())!.roles).toEqual(['user', 'admin']);
  }, 60_000);

  it('re-enables a disabled account it grants, so it is the way back in when no admin can act', async () => {
    await UserModel.updateOne({ _id: user.id }, { $set: { status: 'disabled' } });
    const run = await adminCli('grant', user.email);
    expect(run.stdout).toBe(`granted admin: user ${user.id}, roles user,admin, account re-enabled\n`);
    await t.http.post('/auth/login').send({ email: user.email, password: user.password }).expect(200);
  }, 60_000);

  it('revokes the role', async () => {
    await adminCli('grant', user.email);
    const run = await adminCli('revoke', user.email);
    expect(run).toEqual({ code: 0, stdout: `revoked admin: user ${user.id}, roles user\n`, stderr: '' });
    expectProblem(await listUsers(), 403, 'forbidden');
  }, 60_000);

  it('exits 1 on an unknown email and 2 on bad usage, changing nothing', async () => {
    const unknown = await adminCli('grant', 'nobody@example.test');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no account with the email "nobody@example.test"');
    const usage = await adminCli('promote', user.email);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage:');
    expect(await UserModel.countDocuments({ roles: 'admin' })).toBe(0);
  }, 60_000);
});
