import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * Production dependencies, installed once per package-lock.json (the key) and reused: `npm ci`
 * needs the registry and takes a minute or two. Same cache folder as the FerretDB build.
 */
const DEPS_CACHE = join(homedir(), '.cache', 'koa-jwt-chat', 'runtime-deps');

/**
 * The Dockerfile's runtime stage as a folder: package.json, package-lock.json, the production
 * dependencies (`npm ci --omit=dev --ignore-scripts`), dist/ compiled from the current src/,
 * config/ and docs/asyncapi.yaml - exactly what the Dockerfile copies. Readable by every user, writable by root only.
 */
/** The production install, word for word as the Dockerfile's runtime stage runs it (dockerfile.spec.ts checks). */
export const PRODUCTION_INSTALL = ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'];

/** What the Dockerfile's runtime stage copies into /app (dockerfile.spec.ts checks), and what this folder holds. */
export const RUNTIME_STAGE_COPIES = ['package.json', 'package-lock.json', 'dist', 'config', 'docs/asyncapi.yaml'];

export interface RuntimeStage {
  dir: string;
  remove(): void;
}

export function prepareRuntimeStage(): RuntimeStage {
  const dir = mkdtempSync(join(tmpdir(), 'kjc-runtime-'));
  chmodSync(dir, 0o755);
  try {
    for (const file of ['package.json', 'package-lock.json']) cpSync(join(ROOT, file), join(dir, file));
    copyTree(join(productionDependencies(), 'node_modules'), join(dir, 'node_modules'));
    // A fresh build, never a stale dist/ from an earlier checkout (files move under src/).
    compile(join(dir, 'dist'));
    cpSync(join(ROOT, 'config'), join(dir, 'config'), { recursive: true });
    cpSync(join(ROOT, 'docs', 'asyncapi.yaml'), join(dir, 'docs', 'asyncapi.yaml'));
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `npm run build` (tsc -p tsconfig.build.json) into another folder; tsc's messages on failure. */
function compile(outDir: string): void {
  const tsc = require.resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', outDir], { stdio: 'pipe', encoding: 'utf8' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`the build failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

/** Hard links when the cache is on the same file system (instant), a real copy otherwise. */
function copyTree(from: string, to: string): void {
  try {
    execFileSync('cp', ['-al', from, to], { stdio: 'pipe' });
  } catch {
    rmSync(to, { recursive: true, force: true });
    cpSync(from, to, { recursive: true });
  }
}

/** The cached production install for the current package-lock.json; installs it on a miss. */
function productionDependencies(): string {
  const lock = readFileSync(join(ROOT, 'package-lock.json'));
  const key = createHash('sha256').update(lock).digest('hex').slice(0, 16);
  const target = join(DEPS_CACHE, key);
  if (existsSync(join(target, 'node_modules'))) return target;

  // Installed into a clean folder holding only the two files the Dockerfile copies before `npm ci`,
  // then renamed into place, so an interrupted install is never taken for a cached one.
  mkdirSync(DEPS_CACHE, { recursive: true });
  const staging = join(DEPS_CACHE, `.staging-${randomUUID()}`);
  mkdirSync(staging);
  try {
    for (const file of ['package.json', 'package-lock.json']) cpSync(join(ROOT, file), join(staging, file));
    execFileSync('npm', PRODUCTION_INSTALL, {
      cwd: staging,
      stdio: 'pipe',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    // Another run may have won the race; its copy is as good as ours.
    if (!existsSync(target)) renameSync(staging, target);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return target;
}
