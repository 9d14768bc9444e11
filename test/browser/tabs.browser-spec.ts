import { join, send, signedIn, signUp, useBrowserSuite, type Person } from '../support/browser-person';
import { watchForTrouble } from '../support/browser';

describe('browser client: two tabs of one browser', () => {
  const suite = useBrowserSuite();

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
