import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshot, watchForTrouble } from '../support/browser';
import { buildWebClient } from '../support/web-client';
import { startTestApp, type TestApp } from '../support/test-app';

const PASSWORD = 'correct horse battery staple';

/** One person in their own browser context (own cookies, own network emulation). */
interface Person {
  context: BrowserContext;
  page: Page;
  trouble: string[];
  /** The page's WebSockets and how many frames each received (the socket.io upgrade under the CSP). */
  webSockets: { url: string; framesReceived: number }[];
  email: string;
  name: string;
}

describe('browser client: two people chat in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let sequence = 0;

  beforeAll(async () => {
    buildWebClient();
    [t, browser] = await Promise.all([startTestApp(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(name: string, viewport = { width: 1100, height: 720 }): Promise<Person> {
    sequence += 1;
    const context = await browser.newContext({ baseURL: t.url, viewport });
    // Shorter than jest's timeout, so a failure names the locator it waited for.
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const trouble = watchForTrouble(page);
    const webSockets: Person['webSockets'] = [];
    page.on('websocket', (socket) => {
      const entry = { url: socket.url(), framesReceived: 0 };
      webSockets.push(entry);
      socket.on('framereceived', () => (entry.framesReceived += 1));
    });
    await page.goto('/');
    return { context, page, trouble, webSockets, email: `${name.toLowerCase()}${sequence}@example.test`, name };
  }

  async function signUp(person: Person): Promise<void> {
    const { page } = person;
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByLabel('Email', { exact: true }).fill(person.email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Display name', { exact: true }).fill(person.name);
    await page.getByRole('button', { name: 'Sign up', exact: true }).click();
    await signedIn(person);
  }

  async function logIn(person: Person, password = PASSWORD): Promise<void> {
    const { page } = person;
    await page.getByLabel('Email', { exact: true }).fill(person.email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
  }

  async function signedIn(person: Person): Promise<void> {
    await person.page.getByText(`Signed in as ${person.name}`).waitFor();
    await person.page.getByRole('status').getByText('Connected').waitFor();
  }

  async function join(person: Person, room: string): Promise<void> {
    await person.page.getByLabel('Room name').fill(room);
    await person.page.getByRole('button', { name: 'Join', exact: true }).click();
    await log(person, room).waitFor();
  }

  function log(person: Person, room: string) {
    return person.page.getByRole('log', { name: room, exact: true });
  }

  async function send(person: Person, text: string, room: string): Promise<void> {
    await person.page.getByLabel('Message', { exact: true }).fill(text);
    await person.page.getByRole('button', { name: 'Send', exact: true }).click();
    await log(person, room).getByText(text, { exact: true }).waitFor();
  }

  it('signs up, logs in, shares presence and typing, exchanges messages and catches up after going offline', async () => {
    const ann = await open('Ann');
    const bob = await open('Bob', { width: 390, height: 844 });
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
    const wsOrigin = t.url.replace(/^http/, 'ws');
    expect(ann.webSockets.filter((ws) => ws.url.startsWith(`${wsOrigin}/socket.io/`) && ws.framesReceived > 0).length).toBeGreaterThan(0);

    await ann.context.close();
    await bob.context.close();
  });

  it('shows a clear error for a wrong password and stays on the log-in form', async () => {
    const cat = await open('Cat');
    await t.http.post('/users').send({ email: cat.email, password: PASSWORD, displayName: 'Cat' }).expect(201);
    await logIn(cat, 'not the right password');
    await cat.page.getByRole('alert').getByText('Wrong email or password.').waitFor();
    await screenshot(cat.page, 'wrong-password');
    expect(await cat.page.getByRole('button', { name: 'Log in', exact: true }).isVisible()).toBe(true);
    expect(cat.trouble).toEqual([]);
    await cat.context.close();
  });

  it('manages the account: name, sessions, password, log out everywhere', async () => {
    const dan = await open('Dan');
    await signUp(dan);
    // A second device of Dan's, for the session list.
    const other = await t.http.post('/auth/login').send({ email: dan.email, password: PASSWORD }).expect(200);

    await dan.page.getByRole('button', { name: 'Account', exact: true }).click();
    await dan.page.getByRole('heading', { name: 'Account' }).waitFor();
    const sessions = dan.page.getByRole('region', { name: 'Sessions' }).getByRole('listitem');
    await sessions.nth(1).waitFor();
    expect(await sessions.count()).toBe(2);
    await screenshot(dan.page, 'account');

    await dan.page.getByLabel('Display name', { exact: true }).fill('Daniel');
    await dan.page.getByRole('button', { name: 'Save name' }).click();
    await dan.page.getByRole('banner').getByText('Signed in as Daniel').waitFor();
    await t.http
      .get('/users/me')
      .set('Authorization', `Bearer ${other.body.accessToken}`)
      .expect(200, /"displayName":"Daniel"/);

    await dan.page.getByRole('button', { name: /^End session/ }).click();
    await dan.page
      .getByRole('region', { name: 'Sessions' })
      .getByRole('button', { name: /^End session/ })
      .waitFor({ state: 'detached' });
    expect(await sessions.count()).toBe(1);
    await t.http.post('/auth/refresh').send({ refreshToken: other.body.refreshToken }).expect(401);

    const newPassword = 'a different horse battery staple';
    await dan.page.getByLabel('Current password').fill(PASSWORD);
    await dan.page.getByLabel('New password').fill(newPassword);
    await dan.page.getByRole('button', { name: 'Change password' }).click();
    await dan.page.getByRole('alert').getByText('Password changed').waitFor();
    // The change revoked the old access token and the server dropped the socket: the page
    // reconnects with the new one and chats on.
    await dan.page.getByRole('button', { name: 'Back to chat' }).click();
    await join(dan, 'after-password');
    await dan.page.getByRole('status').getByText('Connected').waitFor();
    await send(dan, 'still here', 'after-password');

    await dan.page.getByRole('button', { name: 'Account', exact: true }).click();
    await dan.page.getByRole('button', { name: 'Log out everywhere' }).click();
    await dan.page.getByRole('alert').getByText('You are logged out.').waitFor();
    await logIn(dan, newPassword);
    await dan.page.getByText('Signed in as Daniel').waitFor();
    expect(dan.trouble).toEqual([]);
    await dan.context.close();
  });

  it('refreshes the access token before it expires and keeps the conversation', async () => {
    sequence += 1;
    const context = await browser.newContext({ baseURL: t.url });
    const page = await context.newPage();
    // Page time is ours to move: 12 minutes pass in an instant, past the 75% mark of a 15-minute token.
    await page.clock.install();
    await page.goto('/');
    const eve: Person = {
      context,
      page,
      trouble: watchForTrouble(page),
      webSockets: [],
      email: `eve${sequence}@example.test`,
      name: 'Eve',
    };
    await signUp(eve);
    await join(eve, 'long-talk');
    await send(eve, 'before the refresh', 'long-talk');

    const refreshed = page.waitForResponse((response) => response.url().endsWith('/auth/refresh'));
    await page.clock.fastForward('12:00');
    expect((await refreshed).status()).toBe(200);
    await page.getByRole('status').getByText('Connected').waitFor();
    await send(eve, 'after the refresh', 'long-talk');
    expect(await log(eve, 'long-talk').locator('article p').allTextContents()).toEqual(['before the refresh', 'after the refresh']);
    expect(eve.trouble).toEqual([]);
    await context.close();
  });

  it('says so when the server goes away', async () => {
    const doomed = await startTestApp({}, { shareDatabaseWith: t });
    const context = await browser.newContext({ baseURL: doomed.url });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto('/');
    sequence += 1;
    const fay: Person = {
      context,
      page,
      trouble: watchForTrouble(page),
      webSockets: [],
      email: `fay${sequence}@example.test`,
      name: 'Fay',
    };
    await signUp(fay);
    await join(fay, 'shutdown');

    await doomed.close();
    await page.getByRole('status').getByText('The server closed the connection. Reconnecting…').waitFor();
    await screenshot(page, 'server-gone');
    expect(await log(fay, 'shutdown').isVisible()).toBe(true);
    await context.close();
  });
});
