import { join } from 'node:path';
import { startFerretdb } from './ferretdb-server';

export type MongoSource = 'MONGODB_URI' | 'mongodb-memory-server' | 'ferretdb';

export interface ProvidedMongo {
  source: MongoSource;
  /** Server URI without a database name; callers append their own. */
  uri: string;
  stop(): Promise<void>;
}

interface ProvideOptions {
  /** Keep FerretDB's data in this folder between runs (npm run dev) instead of a temporary one. */
  persistentDataDir?: string;
  log?: (message: string) => void;
}

/**
 * THE place that decides which MongoDB-compatible server development and tests use, in order:
 * 1. $MONGODB_URI when set;
 * 2. mongodb-memory-server, a real mongod (needs a download on first use, so internet);
 * 3. FerretDB v1.24.2 on loopback, built with Go and cached.
 * Production never comes here (dev/ is not part of the build): it must be given MONGODB_URI.
 */
export async function provideMongo(options: ProvideOptions = {}): Promise<ProvidedMongo> {
  const log = options.log ?? (() => undefined);
  const failures: string[] = [];

  if (process.env.MONGODB_URI) {
    log('MongoDB: using $MONGODB_URI');
    return { source: 'MONGODB_URI', uri: process.env.MONGODB_URI, stop: async () => undefined };
  }

  try {
    const { MongoMemoryServer } = await import('mongodb-memory-server');
    const server = await MongoMemoryServer.create();
    log('MongoDB: using mongodb-memory-server');
    return { source: 'mongodb-memory-server', uri: server.getUri(), stop: async () => void (await server.stop()) };
  } catch (error) {
    failures.push(`mongodb-memory-server: ${firstLine(error)}`);
  }

  try {
    const ferret = await startFerretdb({ dataDir: options.persistentDataDir, log });
    log(`MongoDB: using FerretDB at ${ferret.uri}`);
    return { source: 'ferretdb', uri: ferret.uri, stop: ferret.stop };
  } catch (error) {
    failures.push(`FerretDB: ${firstLine(error)}`);
  }

  throw new Error(
    `No MongoDB-compatible server is available. Set MONGODB_URI, or allow mongodb-memory-server to download mongod, or install Go to build FerretDB.\n  - ${failures.join('\n  - ')}`,
  );
}

/** Default folder for `npm run dev` data, ignored by git. */
export const DEV_DATA_DIR = join(__dirname, '..', '.data', 'ferretdb');

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}
