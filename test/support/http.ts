import type { TestApp } from './test-app';
import { expectProblem } from './problem';

/** GET /users/me with `token` as the Bearer access token. */
export function getMe(t: Pick<TestApp, 'http'>, token: string) {
  return t.http.get('/users/me').set('Authorization', `Bearer ${token}`);
}

/** Asserts that GET /users/me refuses `token` with a 401 problem carrying `code`. */
export async function expectRefused(t: Pick<TestApp, 'http'>, token: string, code: string): Promise<void> {
  expectProblem(await getMe(t, token), 401, code);
}
