import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export const FERRETDB_VERSION = 'v1.24.2';
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';

/** Where the built binary is cached, shared by every clone on this machine. */
export function ferretdbBinaryPath(): string {
  const cacheRoot = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return join(cacheRoot, 'koa-jwt-chat', `ferretdb-${FERRETDB_VERSION}`, 'ferretdb');
}

/**
 * Returns the cached FerretDB binary, building it with Go first if needed (a few minutes, once).
 *
 * Why not plain `go install …/cmd/ferretdb@v1.24.2`: that builds, but the binary panics at start,
 * because FerretDB reads its version from build/version/version.txt, which their Taskfile
 * generates and the module zip does not contain. So we take the same module version from Go's
 * module cache, write that file, and `go build` the same command.
 */
export function ensureFerretdbBinary(log: (message: string) => void = () => undefined): string {
  const binary = ferretdbBinaryPath();
  if (existsSync(binary)) return binary;

  log(`building FerretDB ${FERRETDB_VERSION} with Go (first run only; cached at ${binary})`);
  const download = JSON.parse(
    execFileSync('go', ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], { encoding: 'utf8' }),
  ) as { Dir?: string; Error?: string };
  if (!download.Dir) throw new Error(`go mod download failed: ${download.Error ?? 'no module directory'}`);

  const workDir = mkdtempSync(join(tmpdir(), 'ferretdb-src-'));
  try {
    cpSync(download.Dir, workDir, { recursive: true });
    // The module cache is read-only; the copy must be writable to add the file and to be removed.
    execFileSync('chmod', ['-R', 'u+w', workDir]);
    writeFileSync(join(workDir, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`, { mode: 0o644 });
    mkdirSync(join(binary, '..'), { recursive: true });
    const partial = `${binary}.partial`;
    execFileSync('go', ['build', '-trimpath', '-o', partial, './cmd/ferretdb'], { cwd: workDir, stdio: 'inherit' });
    // Renamed only once complete, so an interrupted build never leaves a broken cached binary.
    renameSync(partial, binary);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  return binary;
}

if (require.main === module) {
  console.log(ensureFerretdbBinary(console.log));
}
