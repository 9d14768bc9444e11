import 'reflect-metadata';
import { createApp } from './app';
import { createLogger } from './common/logger';
import { ConfigError, loadConfig } from './config/load-config';
import { startupWarnings } from './config/startup-warnings';
import { connectDatabase, disconnectDatabase } from './database/connect-database';
import { gracefulShutdown } from './lifecycle/graceful-shutdown';
import { ShutdownState } from './lifecycle/shutdown-state';
import { AppMetrics } from './metrics/app-metrics';
import { startMetricsServer, type MetricsServer } from './observability/metrics-server';
import { ensureEmailClaims } from './users/email-claims-backfill';

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
  const logger = createLogger(config.logLevel, undefined, { pretty: config.env === 'development' });
  for (const warning of startupWarnings(config)) logger.warn(warning);

  await connectDatabase(config.mongodbUri, undefined, config.database.operationTimeoutMs);
  // Before listening: accounts stored before email claims existed must be able to log in.
  const claims = await ensureEmailClaims();
  if (claims) logger.info(claims, 'email claims backfilled');
  const app = createApp(config, logger);
  await new Promise<void>((resolve) => app.server.listen(config.port, config.host, resolve));
  logger.info({ port: config.port, host: config.host, env: config.env }, 'listening');
  const { port: metricsPort, host: metricsHost } = config.metrics;
  const metricsServer: MetricsServer | undefined =
    metricsPort === undefined ? undefined : await startMetricsServer(app.container.get(AppMetrics), metricsHost, metricsPort, logger);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Every step runs even if an earlier one fails, so a dev database is never left behind; only
    // the bound's expiry exits non-zero (graceful-shutdown.ts).
    const code = await gracefulShutdown(signal, {
      server: app.server,
      state: app.container.get(ShutdownState),
      logger,
      drainDelayMs: config.shutdown.drainDelayMs,
      timeoutMs: config.shutdown.timeoutMs,
      announce: () => app.announceShutdown(),
      steps: [
        { name: 'sockets, session purger, rate-limit store, Redis', run: () => app.close() },
        { name: 'metrics server', run: async () => metricsServer?.close() },
        { name: 'database', run: () => disconnectDatabase() },
        { name: 'after shutdown', run: afterShutdown },
      ],
    });
    process.exit(code);
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
