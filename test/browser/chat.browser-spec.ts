import { join, log, logIn, openRoom, roomLink, send, signedIn, signUp, texts, useBrowserSuite } from '../support/browser-person';
import { screenshot } from '../support/browser';
import { startTestApp } from '../support/test-app';

describe('browser client: two people chat in Chromium', () => {
  const suite = useBrowserSuite();

  it('signs up, logs in, opens a public room and a direct conversation, shares presence and typing, exchanges messages and catches up after going offline', async () => {
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

    // A direct conversation, opened from Bob's name among those present: it reaches Bob's room
    // list with the server's unread count, and Ann sees when he has read it.
    await ann.page.getByRole('button', { name: 'Message Bob' }).click();
    await log(ann, 'Bob').waitFor();
    await send(ann, 'just between us', 'Bob');
    await roomLink(bob, /Ann/).getByText('1 unread').waitFor();
    await openRoom(bob, 'Ann');
    await log(bob, 'Ann').getByText('just between us', { exact: true }).waitFor();
    await log(ann, 'Bob').getByText('Seen', { exact: true }).waitFor();
    await bob.page.getByLabel('Message', { exact: true }).pressSequentially('ok');
    await ann.page.getByText('Bob is typing…').waitFor();
    await send(bob, 'ok, only us', 'Ann');
    await log(ann, 'Bob').getByText('ok, only us', { exact: true }).waitFor();

    // Ann loses the network; Bob keeps talking, in the public room and to her directly.
    await ann.context.setOffline(true);
    await ann.page.getByRole('status').getByText('You are offline').waitFor();
    await openRoom(bob, 'general');
    for (const text of ['while you were away 1', 'while you were away 2', 'while you were away 3']) await send(bob, text, 'general');
    await openRoom(bob, 'Ann');
    await send(bob, 'are you there?', 'Ann');
    await ann.context.setOffline(false);
    await ann.page.getByRole('status').getByText('Connected').waitFor();
    // message:sync fills the open conversation; the list has the server's count for the other room.
    await log(ann, 'Bob').getByText('are you there?', { exact: true }).waitFor();
    await roomLink(ann, /general/)
      .getByText('3 unread')
      .waitFor();
    await openRoom(ann, 'general');
    await log(ann, 'general').getByText('while you were away 3', { exact: true }).waitFor();
    // A message after the catch-up: once it shows, the sync has nothing left to add.
    await send(ann, 'back again', 'general');
    await openRoom(bob, 'general');
    await log(bob, 'general').getByText('back again', { exact: true }).waitFor();

    const expected = ['hello Ann', 'hi Bob', 'while you were away 1', 'while you were away 2', 'while you were away 3', 'back again'];
    for (const person of [ann, bob]) expect(await texts(person, 'general')).toEqual(expected);
    await screenshot(bob.page, 'chat-phone');

    // User text is text: no element, no script.
    const attack = '<img src=x onerror=alert(1)>';
    await openRoom(bob, 'Ann');
    await send(bob, attack, 'Ann');
    await openRoom(ann, 'Bob');
    await log(ann, 'Bob').getByText(attack, { exact: true }).waitFor();
    expect(await texts(ann, 'Bob')).toEqual(['just between us', 'ok, only us', 'are you there?', attack]);
    await screenshot(ann.page, 'chat');
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
