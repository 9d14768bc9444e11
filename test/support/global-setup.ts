import { provideMongo } from '../../dev/mongo-provider';

/** Starts the one database server the whole suite shares (see dev/mongo-provider.ts). */
export default async function globalSetup(): Promise<void> {
  const mongo = await provideMongo({ log: (message) => process.stdout.write(`\n${message}\n`) });
  process.env.TEST_MONGODB_URI = mongo.uri;
  process.env.TEST_MONGODB_SOURCE = mongo.source;
  (globalThis as { __TEST_MONGO__?: typeof mongo }).__TEST_MONGO__ = mongo;
}
