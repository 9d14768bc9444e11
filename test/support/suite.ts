import { registerAndLogin, type LoggedIn } from '../fixtures/users';
import { disconnectAll } from './sockets';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app';

export interface SuiteOptions extends TestAppOptions {
  /** Environment variables for this file's app, read once at boot (see startTestApp). */
  env?: Record<string, string>;
  /** Empty every collection before each test (default true). */
  wipe?: boolean;
  /** Disconnect every socket.io client after each test (default false). */
  sockets?: boolean;
}

/**
 * Registers the usual hooks of an e2e file: boot the app before its tests and close it after,
 * wipe the database before each test, and with `sockets` disconnect every client after each.
 *
 * Returns a stand-in for the app whose fields read the booted instance, so a test writes
 * `t.http` as it would with its own `let t` assigned in beforeAll.
 */
export function useTestApp(options: SuiteOptions = {}): TestApp {
  const { env = {}, wipe = true, sockets = false, ...appOptions } = options;
  let app: TestApp | undefined;
  beforeAll(async () => (app = await startTestApp(env, appOptions)));
  afterAll(() => app?.close());
  if (wipe) beforeEach(() => app!.wipe());
  if (sockets) afterEach(() => disconnectAll());
  return liveView(TEST_APP_FIELDS, () => app, 'the test app');
}

/**
 * Registers and logs in a fresh user before each test (after the wipe, hooks run in order).
 * Returns a stand-in whose fields read the current test's user.
 */
export function useLoggedInUser(t: Pick<TestApp, 'http'>): LoggedIn {
  let user: LoggedIn | undefined;
  beforeEach(async () => (user = await registerAndLogin(t.http)));
  return liveView(LOGGED_IN_FIELDS, () => user, 'the logged-in user');
}

// `satisfies` makes the compiler list a field added to either type here.
const TEST_APP_FIELDS = Object.keys({
  app: true,
  config: true,
  url: true,
  http: true,
  wipe: true,
  close: true,
} satisfies Record<keyof TestApp, true>) as (keyof TestApp)[];

const LOGGED_IN_FIELDS = Object.keys({
  id: true,
  email: true,
  password: true,
  displayName: true,
  accessToken: true,
  refreshToken: true,
} satisfies Record<keyof LoggedIn, true>) as (keyof LoggedIn)[];

/** An object whose `fields` read `current()`'s, which jest hooks set only once tests run. */
function liveView<T extends object>(fields: (keyof T)[], current: () => T | undefined, what: string): T {
  const view = {} as T;
  for (const field of fields) {
    Object.defineProperty(view, field, {
      enumerable: true,
      get: () => {
        const value = current();
        if (value === undefined) throw new Error(`${what} exists only inside tests and hooks, once beforeAll/beforeEach ran`);
        return value[field];
      },
    });
  }
  return view;
}
