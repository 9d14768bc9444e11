import 'reflect-metadata';
import { createApp } from './app';
import { createLogger } from './common/logger';
import { ConfigError, loadConfig } from './config/load-config';
import { startupWarnings } from './config/startup-warnings';
import { connectDatabase, disconnectDatabase } from './database/connect-database';
import { DEV_DATA_DIR, provideMongo } from './database/mongo-provider';

/** Start-up: configuration, database, HTTP + WebSocket server, graceful shutdown. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  for (const warning of startupWarnings(config)) logger.warn(warning);

  // Outside production, a missing MONGODB_URI means "pick a local server for me".
  const mongo = config.mongodbUri
    ? { uri: config.mongodbUri, stop: async () => undefined }
    : await provideMongo({ persistentDataDir: DEV_DATA_DIR, log: (message) => logger.info(message) });

  await connectDatabase(mongo.uri, config.mongodbUri ? undefined : 'koa-jwt-chat');
  const app = createApp(config, logger);
  await new Promise<void>((resolve) => app.server.listen(config.port, config.host, resolve));
  logger.info({ port: config.port, host: config.host, env: config.env }, 'listening');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    // In order (stop serving, then the database), but every step runs even if an earlier one
    // fails, so a dev database is never left behind.
    let failed = false;
    for (const step of [() => app.close(), () => disconnectDatabase(), () => mongo.stop()]) {
      try {
        await step();
      } catch (error) {
        failed = true;
        logger.error({ err: error }, 'shutdown step failed');
      }
    }
    clearTimeout(force);
    process.exit(failed ? 1 : 0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  // Configuration errors are the operator's to fix: print the list, not a stack.
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('fatal: failed to start', error);
  process.exit(1);
});
