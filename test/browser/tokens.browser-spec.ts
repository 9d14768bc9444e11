import { watchForTrouble } from '../support/browser';
import { join, log, send, signedIn, signUp, texts, useBrowserSuite, type Person } from '../support/browser-person';
import { forgeToken } from '../support/tokens';

describe('browser client: the session and its tokens', () => {
  // No server grace for a replayed refresh token (REFRESH_REUSE_GRACE_SECONDS): the tabs must not
  // race in the first place, and a token presented twice revokes the session, as the tests rely on.
  const suite = useBrowserSuite({ REFRESH_REUSE_GRACE_SECONDS: '0' });

  it('keeps the session through a reload with the httpOnly refresh cookie, and not after logging out', async () => {
    const gus = await suite.open('Gus');
    const { page, context } = gus;
    await signUp(gus);
    const cookies = await context.cookies();
    expect(cookies.map((cookie) => [cookie.name, cookie.path, cookie.httpOnly, cookie.sameSite]).sort()).toEqual([
      ['refresh_token', '/auth/logout', true, 'Strict'],
      ['refresh_token', '/auth/refresh', true, 'Strict'],
    ]);
    // Nothing a script can read holds a token.
    // A string, not a function: the test's TypeScript has no DOM types.
    expect(await page.evaluate('[document.cookie, localStorage.length, sessionStorage.length]')).toEqual(['', 0, 0]);

    await page.reload();
    await signedIn(gus);
    await page.reload();
    await signedIn(gus);

    await page.getByRole('button', { name: 'Log out', exact: true }).click();
    await page.getByRole('alert').getByText('You are logged out.').waitFor();
    expect(await context.cookies()).toEqual([]);
    await page.reload();
    await page.getByRole('button', { name: 'Log in', exact: true }).waitFor();
    expect(gus.trouble).toEqual([]);
    await context.close();
  });

  it('refreshes an access token that expired meanwhile, reconnects and keeps the conversation', async () => {
    const hal = await suite.open('Hal', { clock: true });
    const ivo = await suite.open('Ivo');
    const { page } = hal;
    await signUp(hal);
    await signUp(ivo);
    await join(hal, 'expiry');
    await join(ivo, 'expiry');
    await send(hal, 'before it expired', 'expiry');

    // The next refresh answer carries an access token that has already expired (same user and
    // session), as if the tab slept through its lifetime; the rotated cookie is kept as sent.
    await page.route(
      '**/auth/refresh',
      async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as { accessToken: string };
        const expired = forgeToken(
          suite.app().config,
          { id: userIdOf(body.accessToken), accessToken: body.accessToken },
          {},
          { expiresIn: -120 },
        );
        await route.fulfill({ response, json: { ...body, accessToken: expired } });
      },
      { times: 1 },
    );
    const swapped = page.waitForResponse((response) => response.url().endsWith('/auth/refresh'));
    await page.clock.fastForward('12:00');
    await swapped;

    // The connection drops; Ivo talks meanwhile. The reconnect presents the expired token, is
    // refused with token_expired, refreshes for real and catches up.
    await hal.context.setOffline(true);
    await page.getByRole('status').getByText('You are offline').waitFor();
    await send(ivo, 'while your token expired', 'expiry');
    const renewed = page.waitForResponse((response) => response.url().endsWith('/auth/refresh') && response.status() === 200);
    await hal.context.setOffline(false);
    await renewed;
    await page.getByRole('status').getByText('Connected').waitFor();
    await log(hal, 'expiry').getByText('while your token expired', { exact: true }).waitFor();
    await send(hal, 'still talking', 'expiry');
    expect(await texts(hal, 'expiry')).toEqual(['before it expired', 'while your token expired', 'still talking']);
    expect(hal.trouble).toEqual([]);
    await hal.context.close();
    await ivo.context.close();
  });

  it('refreshes the access token before it expires and keeps the conversation', async () => {
    // Page time is ours to move: 12 minutes pass in an instant, past the 75% mark of a 15-minute token.
    const eve = await suite.open('Eve', { clock: true });
    const { page } = eve;
    await signUp(eve);
    await join(eve, 'long-talk');
    await send(eve, 'before the refresh', 'long-talk');

    const refreshed = page.waitForResponse((response) => response.url().endsWith('/auth/refresh'));
    await page.clock.fastForward('12:00');
    expect((await refreshed).status()).toBe(200);
    await page.getByRole('status').getByText('Connected').waitFor();
    await send(eve, 'after the refresh', 'long-talk');
    expect(await texts(eve, 'long-talk')).toEqual(['before the refresh', 'after the refresh']);
    expect(eve.trouble).toEqual([]);
    await eve.context.close();
  });

  it('refresh in both tabs at once: they take turns on the shared cookie and both stay logged in', async () => {
    // Page time is ours to move (the context's clock: both tabs).
    const ivy = await suite.open('Ivy', { clock: true });
    await signUp(ivy);
    // The second tab shares the cookies: it picks the session up from the refresh cookie.
    const page = await ivy.context.newPage();
    const trouble = watchForTrouble(page);
    await page.goto('/');
    const tab: Person = { ...ivy, page, trouble, webSockets: [] };
    await signedIn(tab);

    const answers: number[] = [];
    ivy.context.on('response', (response) => {
      if (response.url().endsWith('/auth/refresh')) answers.push(response.status());
    });
    // Past the 75% mark of both tabs' 15-minute tokens: both refresh timers fire in the same instant.
    const bothRefreshed = Promise.all(
      [ivy.page, page].map((each) => each.waitForResponse((response) => response.url().endsWith('/auth/refresh'))),
    );
    await ivy.page.clock.fastForward('12:00');
    await bothRefreshed;
    expect(answers).toEqual([200, 200]);

    for (const [person, text] of [
      [ivy, 'from the first tab'],
      [tab, 'from the second tab'],
    ] as const) {
      await person.page.getByRole('status').getByText('Connected').waitFor();
      await join(person, 'tabs');
      await send(person, text, 'tabs');
    }
    expect(ivy.trouble).toEqual([]);
    expect(trouble).toEqual([]);
    await ivy.context.close();
  });
});

/** The user id (sub) of an access token the app issued. */
function userIdOf(accessToken: string): string {
  return JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()).sub as string;
}
