import mongoose, { type Connection } from 'mongoose';

/**
 * Connects the default mongoose connection and builds every registered model's indexes. The
 * query hardening is applied here, before the first query can run, rather than as a side effect
 * of whichever module happens to be imported first.
 */
export async function connectDatabase(uri: string, dbName?: string): Promise<Connection> {
  // Operator objects in filters built from user input are neutralised ({ $gt: '' } becomes a
  // literal), and filters on unknown paths throw instead of silently matching everything.
  mongoose.set('sanitizeFilter', true);
  mongoose.set('strictQuery', 'throw');
  // Indexes are built deliberately here (ensureIndexes), not lazily in the background.
  mongoose.set('autoIndex', false);
  await mongoose.connect(uri, { dbName, serverSelectionTimeoutMS: 10_000 });
  await ensureIndexes();
  return mongoose.connection;
}

export async function ensureIndexes(): Promise<void> {
  for (const model of Object.values(mongoose.models)) await model.createIndexes();
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}

/** True when the database answers a ping right now. */
export async function isDatabaseUp(): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !db) return false;
  try {
    await db.admin().command({ ping: 1 }, { timeoutMS: 2_000 });
    return true;
  } catch {
    return false;
  }
}
