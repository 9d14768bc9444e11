import mongoose from 'mongoose';
import { connectDatabase } from '../../src/database/connect-database';
import { expectProblem } from '../support/problem';
import { startTestApp, type TestApp } from '../support/test-app';

// A file of its own: it cuts the process's one mongoose connection, which every other test needs.
describe('GET /health when the database is unreachable', () => {
  let t: TestApp;
  let databaseName: string;

  const reconnect = () => connectDatabase(process.env.TEST_MONGODB_URI!, databaseName);

  beforeAll(async () => {
    t = await startTestApp();
    databaseName = mongoose.connection.name;
  });

  afterAll(async () => {
    // t.close() drops the test database, which needs a live connection.
    if (mongoose.connection.readyState !== 1) await reconnect();
    await t.close();
  });

  it('returns 503 problem+json db_unavailable, then 200 once the database is back', async () => {
    await t.http.get('/health').expect(200);

    await mongoose.disconnect();
    const down = await t.http.get('/health');
    expectProblem(down, 503, 'db_unavailable');
    expect(down.headers['x-request-id']).toBeDefined();

    await reconnect();
    const up = await t.http.get('/health').expect(200);
    expect(up.body).toEqual({ status: 'ok', db: 'up' });
  });
});
