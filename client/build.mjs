// Bundles the browser client (client/src) into dist/public: content-hashed assets under
// /assets/ and an index.html that names them, so the server can cache assets forever and
// index.html never. `node client/build.mjs` builds once; `--watch` rebuilds on change.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, gzip } from 'node:zlib';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
export const PUBLIC_DIR = join(here, '..', 'dist', 'public');
const ASSETS_DIR = join(PUBLIC_DIR, 'assets');
let watching = false;

/** esbuild options shared by the one-off build and watch mode. */
function options(outdir) {
  return {
    entryPoints: { app: join(here, 'src', 'main.ts') },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox115', 'safari16'],
    minify: true,
    sourcemap: 'linked',
    outdir,
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    legalComments: 'linked',
    logLevel: 'warning',
    plugins: [writeIndexHtml],
  };
}

/** After each build: write index.html pointing at the new hashed files, and drop stale ones. */
const writeIndexHtml = {
  name: 'index-html',
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length > 0 || !result.metafile) return;
      const outputs = Object.keys(result.metafile.outputs).map((file) => basename(file));
      const script = outputs.find((file) => file.startsWith('app-') && file.endsWith('.js'));
      const style = outputs.find((file) => file.startsWith('app-') && file.endsWith('.css'));
      if (!script || !style) throw new Error(`client build: missing app js/css in ${outputs.join(', ')}`);
      const template = await readFile(join(here, 'index.html'), 'utf8');
      const html = template.replace('%SCRIPT%', `/assets/${script}`).replace('%STYLE%', `/assets/${style}`);
      await writeFile(join(PUBLIC_DIR, 'index.html'), html);
      const compressed = await precompress(outputs.filter((file) => /\.(js|css)$/.test(file)));
      const keep = new Set([...outputs, ...compressed]);
      for (const file of await readdir(ASSETS_DIR)) if (!keep.has(file)) await rm(join(ASSETS_DIR, file));
      if (watching) console.log(`client built into ${relative(process.cwd(), PUBLIC_DIR)}`);
    });
  },
};

/** Brotli and gzip siblings, so the server sends a third of the bytes without compressing per request. */
async function precompress(files) {
  const written = [];
  for (const file of files) {
    const source = await readFile(join(ASSETS_DIR, file));
    await writeFile(join(ASSETS_DIR, `${file}.br`), await promisify(brotliCompress)(source));
    await writeFile(join(ASSETS_DIR, `${file}.gz`), await promisify(gzip)(source, { level: 9 }));
    written.push(`${file}.br`, `${file}.gz`);
  }
  return written;
}

/** Builds the client once into dist/public. */
export async function buildClient() {
  await rm(PUBLIC_DIR, { recursive: true, force: true });
  await mkdir(ASSETS_DIR, { recursive: true });
  await esbuild.build(options(ASSETS_DIR));
}

/** Builds, then rebuilds on every change; resolves to a function that stops watching. */
export async function watchClient() {
  await rm(PUBLIC_DIR, { recursive: true, force: true });
  await mkdir(ASSETS_DIR, { recursive: true });
  watching = true;
  const context = await esbuild.context(options(ASSETS_DIR));
  await context.watch(); // builds once now, then on every change
  return () => context.dispose();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--watch')) await watchClient();
  else await buildClient();
}
