import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import supertest from 'supertest';
type TestAgent = ReturnType<typeof supertest>;
import { createApp, type App } from '../../src/app';
import type { Logger } from '../../src/common/logger';
import type { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { connectDatabase, disconnectDatabase } from '../../src/database/connect-database';

export interface TestApp {
  app: App;
  config: AppConfig;
  /** http://127.0.0.1:<port> of the listening server, for socket.io clients. */
  url: string;
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
  const app = createApp(config, options.logger);
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const { port } = app.server.address() as AddressInfo;

  return {
    app,
    config,
    url: `http://127.0.0.1:${port}`,
    http: supertest(app.server),
    wipe: async () => {
      for (const collection of Object.values(mongoose.connection.collections)) await collection.deleteMany({});
    },
    close: async () => {
      await app.close();
      if (!ownsDatabase) return;
      await mongoose.connection.dropDatabase();
      await disconnectDatabase();
    },
  };
}
