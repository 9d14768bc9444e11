import { join, log, logIn, send, signedIn, signUp, useBrowserSuite } from '../support/browser-person';
import { screenshot } from '../support/browser';
import { startTestApp } from '../support/test-app';

describe('browser client: two people chat in Chromium', () => {
  const suite = useBrowserSuite();

  it('signs up, logs in, shares presence and typing, exchanges messages and catches up after going offline', async () => {
    const ann = await suite.open('Ann');
    const bob = await suite.open('Bob', { viewport: { width: 390, height: 844 } });
    await screenshot(ann.page, 'log-in');

    await signUp(ann);
    await ann.page.getByRole('button', { name: 'Log out', exact: true }).click();
    await ann.page.getByRole('button', { name: 'Log in', exact: true }).waitFor();
    await logIn(ann);
    await signedIn(ann);
    await signUp(bob);

    await join(ann, 'general');
    await join(bob, 'general');
    await ann.page.getByRole('list', { name: 'Online in general' }).getByText('Bob', { exact: true }).waitFor();
    await bob.page.getByRole('list', { name: 'Online in general' }).getByText('Ann', { exact: true }).waitFor();

    await bob.page.getByLabel('Message', { exact: true }).pressSequentially('hel');
    await ann.page.getByText('Bob is typing…').waitFor();
    await send(bob, 'hello Ann', 'general');
    await log(ann, 'general').getByText('hello Ann', { exact: true }).waitFor();
    await send(ann, 'hi Bob', 'general');
    await log(bob, 'general').getByText('hi Bob', { exact: true }).waitFor();

    // Ann loses the network; Bob keeps talking.
    await ann.context.setOffline(true);
    await ann.page.getByRole('status').getByText('You are offline').waitFor();
    for (const text of ['while you were away 1', 'while you were away 2', 'while you were away 3']) await send(bob, text, 'general');
    await ann.context.setOffline(false);
    await ann.page.getByRole('status').getByText('Connected').waitFor();
    await log(ann, 'general').getByText('while you were away 3', { exact: true }).waitFor();
    // A message after the catch-up: once it shows, the gap fill has nothing left to add.
    await send(ann, 'back again', 'general');
    await log(bob, 'general').getByText('back again', { exact: true }).waitFor();

    const expected = ['hello Ann', 'hi Bob', 'while you were away 1', 'while you were away 2', 'while you were away 3', 'back again'];
    for (const person of [ann, bob]) {
      const texts = await log(person, 'general').locator('article p').allTextContents();
      expect(texts).toEqual(expected);
    }
    await screenshot(ann.page, 'chat');
    await screenshot(bob.page, 'chat-phone');

    // User text is text: no element, no script.
    const attack = '<img src=x onerror=alert(1)>';
    await send(bob, attack, 'general');
    await log(ann, 'general').getByText(attack, { exact: true }).waitFor();
    expect(await ann.page.locator('[role=log] img').count()).toBe(0);
    expect(ann.trouble).toEqual([]);
    expect(bob.trouble).toEqual([]);
    // socket.io upgraded to a WebSocket on the page's own origin: connect-src 'self' allows ws:.
    const wsOrigin = suite.app().url.replace(/^http/, 'ws');
    expect(ann.webSockets.filter((ws) => ws.url.startsWith(`${wsOrigin}/socket.io/`) && ws.framesReceived > 0).length).toBeGreaterThan(0);

    await ann.context.close();
    await bob.context.close();
  });

  it('says so when the server goes away', async () => {
    const doomed = await startTestApp({}, { shareDatabaseWith: suite.app() });
    const fay = await suite.open('Fay', { url: doomed.url });
    const { page } = fay;
    await signUp(fay);
    await join(fay, 'shutdown');

    await doomed.close();
    await page.getByRole('status').getByText('The server closed the connection. Reconnecting…').waitFor();
    await screenshot(page, 'server-gone');
    expect(await log(fay, 'shutdown').isVisible()).toBe(true);
    await fay.context.close();
  });
});
