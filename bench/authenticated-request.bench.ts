import type { TestApp } from '../test/support/test-app';
import { median, timeEach, type BenchRow } from './stats';

/**
 * What the authorization checker costs per request: GET /users/me (passport-jwt verification, user
 * and session lookups) against GET /health (one database ping, no auth), same server, same run.
 */
export async function benchAuthenticatedRequest(t: TestApp, samples = 300): Promise<BenchRow> {
  const email = 'bench-me@example.test';
  const password = 'correct horse battery staple';
  await fetch(`${t.url}/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, displayName: 'Bench' }),
  });
  const login = await fetch(`${t.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };

  const get = async (path: string, headers: Record<string, string> = {}) => (await fetch(`${t.url}${path}`, { headers })).arrayBuffer();
  const health = await timeEach(samples, () => get('/health'));
  const me = await timeEach(samples, () => get('/users/me', { authorization: `Bearer ${accessToken}` }));
  return {
    name: 'GET /users/me (JWT checker: user + session)',
    baseline: 'GET /health',
    medianMs: median(me),
    baselineMedianMs: median(health),
  };
}
