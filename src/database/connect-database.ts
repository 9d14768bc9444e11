import mongoose, { type Connection } from 'mongoose';

/** DB_OPERATION_TIMEOUT_MS's default, for callers without a configuration (tests, CLIs). */
export const DEFAULT_OPERATION_TIMEOUT_MS = 3_000;

/**
 * Connects the default mongoose connection and builds every registered model's indexes. The
 * query hardening is applied here, before the first query can run, rather than as a side effect
 * of whichever module happens to be imported first.
 *
 * `operationTimeoutMs` bounds how long one operation waits while the database is down, in the
 * driver rather than around each call: mongoose's buffer while disconnected, the driver's server
 * selection (also for the one retry of a read or write cut by a lost connection), and a socket
 * that stops answering. The resulting errors map to 503 db_unavailable (common/errors/to-problem).
 */
export async function connectDatabase(
  uri: string,
  dbName?: string,
  operationTimeoutMs = DEFAULT_OPERATION_TIMEOUT_MS,
): Promise<Connection> {
  // Operator objects in filters built from user input are neutralised ({ $gt: '' } becomes a
  // literal), and filters on unknown paths throw instead of silently matching everything.
  mongoose.set('sanitizeFilter', true);
  mongoose.set('strictQuery', 'throw');
  // Indexes are built deliberately here (ensureIndexes), not lazily in the background.
  mongoose.set('autoIndex', false);
  mongoose.set('bufferTimeoutMS', operationTimeoutMs);
  await mongoose.connect(uri, {
    dbName,
    serverSelectionTimeoutMS: operationTimeoutMs,
    socketTimeoutMS: operationTimeoutMs,
    connectTimeoutMS: operationTimeoutMs,
  });
  await ensureIndexes();
  return mongoose.connection;
}

export async function ensureIndexes(): Promise<void> {
  for (const model of Object.values(mongoose.models)) await model.createIndexes();
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}

/** True when the database answers a ping within `timeoutMs`. */
export async function isDatabaseUp(timeoutMs = DEFAULT_OPERATION_TIMEOUT_MS): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !db) return false;
  try {
    await db.admin().command({ ping: 1 }, { timeoutMS: timeoutMs });
    return true;
  } catch {
    return false;
  }
}
