import { createServer, type Server } from 'node:http';
import type { Logger } from '../common/logger';
import type { AppMetrics } from '../metrics/app-metrics';

export interface MetricsServer {
  close(): Promise<void>;
}

/**
 * /metrics without a token on METRICS_HOST:METRICS_PORT (loopback by default), for a scraper on
 * an internal network: nothing else is served there, and the public port's /metrics stays
 * closed unless METRICS_TOKEN is set.
 */
export async function startMetricsServer(metrics: AppMetrics, host: string, port: number, logger: Logger): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    metrics.scrape().then(
      (text) => res.writeHead(200, { 'Content-Type': metrics.contentType }).end(text),
      (error: unknown) => {
        logger.error({ err: error }, 'metrics scrape failed');
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end('scrape failed\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  logger.info({ host, port }, 'metrics listening');
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
