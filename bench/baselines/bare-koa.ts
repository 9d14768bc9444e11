import Koa from 'koa';
import { serveJobs } from '../support/rpc';

/**
 * Baseline (a): bare Koa answering the same small JSON as `GET /users/me` (a public user view),
 * with no auth, no database, no middleware. The ceiling for any Koa endpoint on this machine.
 */
const body = {
  id: '665f1c2e8b3e4a0012345678',
  email: 'bench-user@example.test',
  displayName: 'Bench user',
  roles: ['user'],
  createdAt: '2026-01-01T00:00:00.000Z',
};

const app = new Koa();
app.use((ctx) => {
  ctx.body = body;
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => serveJobs({}));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
