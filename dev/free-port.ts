import { createServer } from 'node:net';

/**
 * A port that was free on 127.0.0.1 a moment ago (the OS picks it). Shared by the dev database
 * launcher, the tests' child processes and the bench, which all start servers on loopback.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
