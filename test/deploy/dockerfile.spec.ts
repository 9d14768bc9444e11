import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRODUCTION_INSTALL, RUNTIME_STAGE_COPIES } from '../support/runtime-stage';

const ROOT = join(__dirname, '..', '..');

/** The Dockerfile's instructions (continuation lines joined, comments dropped), split into stages by FROM. */
function stages(): { header: string[]; build: string[]; runtime: string[] } {
  const instructions = readFileSync(join(ROOT, 'Dockerfile'), 'utf8')
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const froms = instructions.flatMap((line, index) => (line.startsWith('FROM ') ? [index] : []));
  expect(froms).toHaveLength(2);
  return {
    header: instructions.slice(0, froms[0]),
    build: instructions.slice(froms[0], froms[1]),
    runtime: instructions.slice(froms[1]),
  };
}

/**
 * No Docker engine here: these pin what runtime-stage.e2e-spec.ts relies on, so that the stage it
 * reproduces outside Docker stays the one the Dockerfile builds.
 */
describe('Dockerfile', () => {
  const { header, build, runtime } = stages();

  it('pins the Node 22 base image by exact version and digest, for both stages', () => {
    expect(header).toEqual([expect.stringMatching(/^ARG NODE_IMAGE=node:22\.\d+\.\d+-bookworm-slim@sha256:[0-9a-f]{64}$/)]);
    expect(build[0]).toBe('FROM ${NODE_IMAGE} AS build');
    expect(runtime[0]).toBe('FROM ${NODE_IMAGE} AS runtime');
  });

  it('installs production dependencies exactly as the deployment test does, and copies what it copies', () => {
    expect(runtime).toContain('ENV NODE_ENV=production');
    expect(runtime).toContainEqual(expect.stringContaining(`RUN npm ${PRODUCTION_INSTALL.join(' ')}`));
    const copied = runtime
      .filter((line) => line.startsWith('COPY '))
      .flatMap((line) =>
        line
          .replace(/--from=\S+ /, '')
          .split(/\s+/)
          .slice(1, -1),
      )
      .map((source) => source.replace(/^\/app\//, ''));
    expect(copied.sort()).toEqual([...RUNTIME_STAGE_COPIES].sort());
  });

  it('runs Node under tini as the unprivileged node user, health-checked on /health/live', () => {
    expect(runtime).toContainEqual(expect.stringMatching(/apt-get install -y --no-install-recommends tini/));
    expect(runtime).toContain('ENTRYPOINT ["/usr/bin/tini", "--"]');
    expect(runtime).toContain('CMD ["node", "dist/main.js"]');
    expect(runtime).toContain('USER node');
    expect(runtime).toContainEqual(expect.stringMatching(/^HEALTHCHECK .*\/health\/live/));
  });
});
