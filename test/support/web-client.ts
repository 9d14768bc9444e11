import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Builds the browser client into dist/public exactly as `npm run build` does, so tests serve
 * the current sources, never a stale bundle (esbuild: a fraction of a second).
 */
export function buildWebClient(): void {
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'client', 'build.mjs')], { stdio: 'inherit' });
}
