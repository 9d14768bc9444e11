import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lineCollector, type LineCollector } from './process-output';

/** Debian's nginx (`apt-get install nginx`; .ci/run installs it when missing). */
export const NGINX_BIN = '/usr/sbin/nginx';

const ROOT = join(__dirname, '..', '..');
/** The file docker-compose.yml mounts into the nginx image's /etc/nginx/templates/. */
export const NGINX_TEMPLATE = join(ROOT, 'deploy', 'nginx', 'templates', 'default.conf.template');
const MAIN_CONF = join(ROOT, 'test', 'deploy', 'nginx-main.conf');

/** The variables docker-compose.yml gives the nginx service for the template. */
export interface NginxTemplateVariables {
  NGINX_LISTEN: string;
  CHAT_UPSTREAM_SERVERS: string;
}

/** Fails (never skips) when nginx is not installed. */
export function requireNginx(): void {
  try {
    accessSync(NGINX_BIN, constants.X_OK);
  } catch {
    throw new Error(`${NGINX_BIN} is required for the deployment tests: apt-get install -y nginx (.ci/run does it)`);
  }
}

/**
 * Renders the template as the image's entrypoint does with envsubst: `${NAME}` is replaced for
 * the variables given, nginx's own `$variables` are left alone. A placeholder left over means the
 * compose file and the template disagree, so that throws.
 */
export function renderNginxTemplate(variables: NginxTemplateVariables): string {
  let text = readFileSync(NGINX_TEMPLATE, 'utf8');
  for (const [name, value] of Object.entries(variables)) text = text.split(`\${${name}}`).join(value);
  const left = text.match(/\$\{[A-Za-z_][A-Za-z0-9_]*\}/g);
  if (left) throw new Error(`unrendered placeholders in ${NGINX_TEMPLATE}: ${left.join(', ')}`);
  return text;
}

/** Loopback upstream lines for the template, one `server` per app instance. */
export function loopbackUpstreams(ports: readonly number[]): string {
  return ports.map((port) => `server 127.0.0.1:${port};`).join(' ');
}

/** An nginx prefix folder: the stand-in main config and the rendered template in conf.d/. */
export function preparePrefix(variables: NginxTemplateVariables): { prefix: string; conf: string; remove(): void } {
  const prefix = mkdtempSync(join(tmpdir(), 'kjc-nginx-'));
  // Worker processes run as an unprivileged user and must reach their temp folders.
  chmodSync(prefix, 0o755);
  mkdirSync(join(prefix, 'conf.d'));
  mkdirSync(join(prefix, 'temp'));
  copyFileSync(MAIN_CONF, join(prefix, 'nginx.conf'));
  writeFileSync(join(prefix, 'conf.d', 'default.conf'), renderNginxTemplate(variables));
  return { prefix, conf: join(prefix, 'nginx.conf'), remove: () => rmSync(prefix, { recursive: true, force: true }) };
}

/** `nginx -t` on a prepared prefix: its exit status and what it printed. */
export function nginxConfigTest(prefix: string, conf: string): { status: number | null; output: string } {
  // stdout to /dev/null rather than a pipe: the template logs to /dev/stdout, which nginx cannot
  // open() when it is one of Node's stdio sockets (ENXIO). In a container it is a pipe or a file.
  const result = spawnSync(NGINX_BIN, ['-t', '-p', prefix, '-c', conf, '-e', 'stderr'], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

export interface RunningNginx {
  url: string;
  /** nginx's stdout: the access log, one line per finished request (format `chat` in the template). */
  accessLog: LineCollector;
  stop(): Promise<void>;
}

/** Starts nginx in the foreground on 127.0.0.1:port in front of the given loopback upstream ports. */
export async function startNginx(port: number, upstreamPorts: readonly number[]): Promise<RunningNginx> {
  requireNginx();
  const { prefix, conf, remove } = preparePrefix({
    NGINX_LISTEN: `127.0.0.1:${port}`,
    CHAT_UPSTREAM_SERVERS: loopbackUpstreams(upstreamPorts),
  });
  // nginx's stdout is a file (see nginxConfigTest for why not a pipe), followed with tail.
  const accessLogFile = join(prefix, 'stdout.log');
  const stdout = openSync(accessLogFile, 'w');
  const child: ChildProcess = spawn(NGINX_BIN, ['-p', prefix, '-c', conf, '-e', 'stderr'], { stdio: ['ignore', stdout, 'pipe'] });
  closeSync(stdout);
  const tail = spawn('tail', ['-F', '-n', '+1', accessLogFile], { stdio: ['ignore', 'pipe', 'ignore'] });
  const accessLog = lineCollector(tail.stdout);
  const errorLog = lineCollector(child.stderr!);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stopTail = () => {
    tail.kill('SIGTERM');
  };
  try {
    await errorLog.waitFor((line) => line.includes('start worker process'), 10_000);
  } catch (error) {
    child.kill('SIGKILL');
    stopTail();
    remove();
    throw new Error(`nginx did not start: ${String(error)}\n${errorLog.lines.join('\n')}`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    accessLog,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      stopTail();
      remove();
    },
  };
}
