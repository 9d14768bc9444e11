import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import supertest from 'supertest';
type TestAgent = ReturnType<typeof supertest>;
import { createApp, type App } from '../../src/app';
import { AccountCache } from '../../src/auth/account-cache/account-cache';
import type { Clock } from '../../src/common/clock';
import type { Logger } from '../../src/common/logger';
import type { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { connectDatabase, disconnectDatabase } from '../../src/database/connect-database';
import { checkedAgent, OpenApiContract } from './contract';

export interface TestApp {
  app: App;
  config: AppConfig;
  /** http://127.0.0.1:<port> of the listening server, for socket.io clients. */
  url: string;
  /**
   * supertest on the app. Every response is checked against the app's /openapi.json (status
   * documented for the route, body valid against its schema): see support/contract.ts.
   */
  http: TestAgent;
  /** Empties every collection; call in beforeEach. */
  wipe(): Promise<void>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** The app's root logger, e.g. one writing to a stream the test reads (security-log test). */
  logger?: Logger;
  /**
   * Boot a second instance on the same database as this one (multi-instance tests). The new
   * instance's close() then leaves the database to its owner. Pass the same JWT_SECRET to both.
   */
  shareDatabaseWith?: TestApp;
  /** The clock the app's services read (see test/support/clock.ts); the system clock by default. */
  clock?: Clock;
  /** A database server of the test's own (the outage test kills it) instead of the suite's. */
  mongodbUri?: string;
}

/**
 * Boots the real app on a random port against the suite's database server, in a database of
 * its own, so test files never see each other's data.
 */
export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const uri = options.mongodbUri ?? process.env.TEST_MONGODB_URI;
  if (!uri) throw new Error('TEST_MONGODB_URI is not set: run the tests through jest (global-setup starts the database)');
  const config = loadConfig({ NODE_ENV: 'test', ...env });
  const ownsDatabase = options.shareDatabaseWith === undefined;
  if (ownsDatabase) await connectDatabase(uri, `test_${randomUUID().replace(/-/g, '').slice(0, 12)}`, config.database.operationTimeoutMs);
  const app = createApp(config, options.logger, { clock: options.clock });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const { port } = app.server.address() as AddressInfo;
  const contract = await servedContract(app);

  return {
    app,
    config,
    url: `http://127.0.0.1:${port}`,
    http: checkedAgent(supertest(app.server), contract),
    wipe: async () => {
      for (const collection of Object.values(mongoose.connection.collections)) await collection.deleteMany({});
      // The wipe goes behind the app's back: its account cache must not remember the wiped users.
      app.container.get(AccountCache).invalidateAll();
    },
    close: async () => {
      await app.close();
      if (!ownsDatabase) return;
      await mongoose.connection.dropDatabase();
      await disconnectDatabase();
    },
  };
}

// One per test file (jest gives each file its own modules): the document is the same for every app.
let contract: OpenApiContract | undefined;

/** The contract of the document the app actually serves, fetched once per test file. */
async function servedContract(app: App): Promise<OpenApiContract> {
  if (contract) return contract;
  const response = await supertest(app.server).get('/openapi.json').expect(200);
  contract = new OpenApiContract(response.body as ConstructorParameters<typeof OpenApiContract>[0]);
  return contract;
}
