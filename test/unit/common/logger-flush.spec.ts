import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const LINES = 5_000;
// Long enough that the lines outgrow one write: some are still queued when the process ends.
const PADDING = 'x'.repeat(200);

/** Runs the production logger (no destination given: stdout, asynchronous) in its own process. */
function logThen(ending: string): { status: number | null; lines: string[] } {
  const script = `
    const { createLogger } = require('./src/common/logger');
    const logger = createLogger('info');
    for (let i = 0; i < ${LINES}; i += 1) logger.info({ i, padding: '${PADDING}' }, 'line');
    ${ending}
  `;
  const child = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: join(__dirname, '..', '..', '..'),
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  return { status: child.status, lines: child.stdout.trim().split('\n') };
}

describe('the production logger (asynchronous writes)', () => {
  it('writes every queued line when the process exits', () => {
    const { status, lines } = logThen('process.exit(3);');
    expect(status).toBe(3);
    expect(lines).toHaveLength(LINES);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ i: LINES - 1, msg: 'line' });
  });

  it('writes every queued line when the process dies of an uncaught exception', () => {
    const { status, lines } = logThen("throw new Error('fatal');");
    expect(status).toBe(1);
    expect(lines).toHaveLength(LINES);
  });
});

describe('flushLogs', () => {
  it('resolves once every line logged before it is written to stdout', () => {
    const { status, lines } = logThen(`
      const { flushLogs } = require('./src/common/logger');
      // Exiting without the 'exit' event (as a kill would) leaves only what flushLogs wrote.
      flushLogs(logger).then(() => process.reallyExit(0));
    `);
    expect(status).toBe(0);
    expect(lines).toHaveLength(LINES);
  });

  it('does not resolve before the writes in flight are done', () => {
    const { lines } = logThen('process.reallyExit(0);');
    // The control for the test above: without flushLogs, lines are still queued.
    expect(lines.length).toBeLessThan(LINES);
  });
});
