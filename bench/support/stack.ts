import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../dev/free-port';
import { type Child, ROOT, startChild, waitForHttp } from './children';
import { provideMongo, type ProvidedMongo } from './mongo';

/** Everything one bench run talks to, each in its own process, all on 127.0.0.1. */
export interface Stack {
  mongo: ProvidedMongo;
  app: Child & { url: string; readyMs: number };
  bareKoa: Child & { url: string };
  article: Child & { url: string };
  bareSocketIo: Child & { url: string };
  argon2: Child;
  httpLoad: Child;
  httpLoadFlood: Child;
  socketLoad: Child;
  /** CPU lists the servers and the load generators are pinned to (undefined: not pinned). */
  cpus: { servers?: string; load?: string; total: number };
}

/**
 * The app as production runs it, with the only changes a bench needs: limits raised so the
 * limiter does not become the thing measured, and a token lifetime longer than the run.
 */
export function appEnv(port: number, mongodbUri: string): Record<string, string | undefined> {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    MONGODB_URI: mongodbUri,
    JWT_SECRET: randomBytes(48).toString('base64'),
    REDIS_URL: undefined,
    JWT_ACCESS_TTL: '3600',
    LOGIN_ACCOUNT_MAX_FAILURES: '1000000',
    LOGIN_IP_MAX_FAILURES: '1000000',
    REGISTER_RATE_LIMIT: '1000000',
    REFRESH_RATE_LIMIT: '1000000',
    CHAT_RATE_LIMIT_POINTS: '10000',
    CHAT_RATE_LIMIT_WINDOW_SECONDS: '1',
  };
}

export function withDatabase(uri: string, name: string): string {
  const url = new URL(uri);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function startStack(log: (message: string) => void): Promise<Stack> {
  log('building the app (npm run build)');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const mongo = await provideMongo({ log });
  const total = availableParallelism();
  // With two cores or more, servers get the first one and load generators the last, so a load
  // generator never steals the CPU of the server it measures. The database is not pinned.
  const cpus = total >= 2 ? { servers: '0', load: String(total - 1), total } : { total };
  const runId = `bench-${Date.now()}`;
  const [appPort, koaPort, articlePort, ioPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);

  const server = (name: string, script: string, port: number, env: Record<string, string | undefined> = {}) =>
    Object.assign(startChild({ name, script, cpus: cpus.servers, heapProbe: true, env: { PORT: String(port), ...env } }), {
      url: `http://127.0.0.1:${port}`,
    });
  const appChild = server('app', join(ROOT, 'dist', 'main.js'), appPort, appEnv(appPort, withDatabase(mongo.uri, `${runId}-app`)));
  const bareKoa = server('bare Koa', 'bench/baselines/bare-koa.ts', koaPort);
  const article = server('article stack', 'bench/baselines/article-stack.ts', articlePort, {
    MONGODB_URI: withDatabase(mongo.uri, `${runId}-article`),
    JWT_SECRET: randomBytes(48).toString('base64'),
  });
  const bareSocketIo = server('bare socket.io', 'bench/baselines/bare-socketio.ts', ioPort);
  const argon2 = startChild({ name: 'argon2 verify', script: 'bench/baselines/argon2-verify.ts', cpus: cpus.servers });
  const load = (name: string, script: string) => startChild({ name, script, cpus: cpus.load });
  const httpLoad = load('http load', 'bench/load/http-load.ts');
  const httpLoadFlood = load('http load (flood)', 'bench/load/http-load.ts');
  const socketLoad = load('socket load', 'bench/load/socket-load.ts');

  const readyMs = await waitForHttp(`${appChild.url}/health`, appChild);
  await Promise.all([bareKoa, article, bareSocketIo, argon2, httpLoad, httpLoadFlood, socketLoad].map((child) => child.ready));
  log(`all processes ready; app ready in ${readyMs.toFixed(0)} ms`);
  return {
    mongo,
    app: Object.assign(appChild, { readyMs }),
    bareKoa,
    article,
    bareSocketIo,
    argon2,
    httpLoad,
    httpLoadFlood,
    socketLoad,
    cpus,
  };
}
