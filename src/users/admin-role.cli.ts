import 'reflect-metadata';
import { connectDatabase, disconnectDatabase } from '../database/connect-database';
import { EmailClaimsRepository } from './email-claims.repository';
import { ensureEmailClaims } from './email-claims-backfill';
import { UsersRepository } from './users.repository';

const USAGE = 'usage: admin-role.cli.js grant|revoke <email>   (MONGODB_URI must name the database)';

/**
 * `MONGODB_URI=... npm run admin:grant -- <email>` (and `admin:revoke`): how the first admin is
 * made, from the operator's shell or the production image (`node dist/users/admin-role.cli.js
 * grant <email>`). The email is normalised as login normalises it. Prints what it did (ids and
 * roles only); exits 1 for an unknown email, 2 for bad usage or a failure.
 */
async function run(argv: readonly string[]): Promise<void> {
  const [action, email, ...rest] = argv;
  if ((action !== 'grant' && action !== 'revoke') || !email || rest.length > 0) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is required');
  await connectDatabase(uri);
  try {
    // The command may be the first thing run against an upgraded database (the first admin).
    await ensureEmailClaims();
    const users = new UsersRepository(new EmailClaimsRepository());
    const before = await users.findByEmail(email);
    const after = before && (await users.setAdminRole(email, action === 'grant'));
    if (!before || !after) {
      console.error(`no account with the email ${JSON.stringify(email)}; nothing changed`);
      process.exitCode = 1;
      return;
    }
    const reEnabled = before.status === 'disabled' && after.status === 'active' ? ', account re-enabled' : '';
    console.log(`${action === 'grant' ? 'granted' : 'revoked'} admin: user ${after.id}, roles ${after.roles.join(',')}${reEnabled}`);
    process.exitCode = 0;
  } finally {
    await disconnectDatabase();
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  console.error('admin role change failed:', error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
