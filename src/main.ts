import 'reflect-metadata';
import { createApp } from './app';
import { createLogger } from './common/logger';
import { ConfigError, loadConfig } from './config/load-config';
import { startupWarnings } from './config/startup-warnings';
import { connectDatabase, disconnectDatabase } from './database/connect-database';

export interface MainOptions {
  /** Runs last on shutdown, after the database connection is closed (dev/main.dev.ts stops its server). */
  afterShutdown?: () => Promise<void>;
}

/**
 * Start-up: configuration, database, HTTP + WebSocket server, graceful shutdown. The database is
 * always the one MONGODB_URI names: provisioning a local one is dev/'s job (npm run dev), and is
 * not part of the production build.
 */
export async function main({ afterShutdown = async () => undefined }: MainOptions = {}): Promise<void> {
  const config = loadConfig();
  if (!config.mongodbUri) throw new ConfigError(['MONGODB_URI: required (npm run dev provides a local server when it is unset)']);
  const logger = createLogger(config.logLevel);
  for (const warning of startupWarnings(config)) logger.warn(warning);

  await connectDatabase(config.mongodbUri);
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
    for (const step of [() => app.close(), () => disconnectDatabase(), afterShutdown]) {
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

/** Exits with the reason; configuration errors are the operator's to fix: the list, not a stack. */
export function exitOnStartFailure(error: unknown): never {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('fatal: failed to start', error);
  process.exit(1);
}

if (require.main === module) main().catch(exitOnStartFailure);
