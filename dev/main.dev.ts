import 'reflect-metadata';
import { exitOnStartFailure, main } from '../src/main';
import { DEV_DATA_DIR, provideMongo } from './mongo-provider';

/**
 * `npm run dev`: the normal main, with a database chosen for you when MONGODB_URI is unset (see
 * provideMongo; FerretDB keeps its data in .data/ between runs). Production runs dist/main.js,
 * which has none of this and requires MONGODB_URI.
 */
async function mainDev(): Promise<void> {
  const log = (message: string) => console.log(message);
  const mongo = await provideMongo({ persistentDataDir: DEV_DATA_DIR, log });
  // A provided server's URI names no database; the app's dev data lives in one of its own.
  if (mongo.source !== 'MONGODB_URI') process.env.MONGODB_URI = `${mongo.uri.replace(/\/$/, '')}/koa-jwt-chat`;
  try {
    await main({ afterShutdown: () => mongo.stop() });
  } catch (error) {
    await mongo.stop().catch(() => undefined);
    throw error;
  }
}

mainDev().catch(exitOnStartFailure);
