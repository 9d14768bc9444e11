import mongoose from 'mongoose';
import type { ProvidedMongo } from './mongo';

/**
 * What database the figures were measured on, as the server reports itself: FerretDB names its
 * version (not its backend), MongoDB its own. $FERRETDB_BACKEND may name the backend of a FerretDB
 * given through $MONGODB_URI (the embedded one is always SQLite).
 */
export async function describeDatabase(mongo: ProvidedMongo): Promise<string> {
  if (mongo.source === 'ferretdb') return 'FerretDB v1.24.2 on SQLite (embedded)';
  const connection = await mongoose.createConnection(mongo.uri, { serverSelectionTimeoutMS: 5_000 }).asPromise();
  try {
    const info = await connection.db!.admin().command({ buildInfo: 1 });
    const backend = process.env.FERRETDB_BACKEND ? ` on ${process.env.FERRETDB_BACKEND}` : '';
    const server =
      typeof info.ferretdbVersion === 'string' ? `FerretDB ${info.ferretdbVersion}${backend}` : `MongoDB ${String(info.version)}`;
    return `${server} (${mongo.source})`;
  } finally {
    await connection.close();
  }
}
