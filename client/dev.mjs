// `npm run dev`: builds the browser client and rebuilds it on change (esbuild watch), and runs
// the server under nodemon (which restarts it on server changes only). Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { watchClient } from './build.mjs';

const stopWatching = await watchClient();
const server = spawn('npx', ['nodemon'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', async (code) => {
  await stopWatching();
  process.exit(code ?? 0);
});
