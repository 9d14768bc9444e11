import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium, watchForTrouble } from './browser';
import { startTestApp, type TestApp } from './test-app';
import { buildWebClient } from './web-client';

export const PASSWORD = 'correct horse battery staple';

/** One person in their own browser context (own cookies, own network emulation). */
export interface Person {
  context: BrowserContext;
  page: Page;
  /** Dialogs, CSP violations and page errors seen so far: a healthy page has none. */
  trouble: string[];
  /** The page's WebSockets and how many frames each received (the socket.io upgrade under the CSP). */
  webSockets: { url: string; framesReceived: number }[];
  email: string;
  name: string;
}

export interface OpenOptions {
  viewport?: { width: number; height: number };
  /** Another app than the suite's (e.g. one the test shuts down). */
  url?: string;
  /** Install Playwright's clock before the page loads, so the test can move page time. */
  clock?: boolean;
}

export interface BrowserSuite {
  /** The suite's app; read it inside tests and hooks. */
  app(): TestApp;
  /** A new person with the client's page open, signed out. */
  open(name: string, options?: OpenOptions): Promise<Person>;
}

let sequence = 0;

/** Builds the client, boots the app (with `env`) and Chromium before the file's tests; closes both after. */
export function useBrowserSuite(env: Record<string, string> = {}): BrowserSuite {
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    buildWebClient();
    [app, browser] = await Promise.all([startTestApp(env), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  return {
    app: () => app!,
    open: async (name, options = {}) => {
      sequence += 1;
      const context = await browser!.newContext({
        baseURL: options.url ?? app!.url,
        viewport: options.viewport ?? { width: 1100, height: 720 },
      });
      // Shorter than jest's timeout, so a failure names the locator it waited for.
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      const person: Person = {
        context,
        page,
        trouble: watchForTrouble(page),
        webSockets: [],
        email: `${name.toLowerCase()}${sequence}@example.test`,
        name,
      };
      page.on('websocket', (socket) => {
        const entry = { url: socket.url(), framesReceived: 0 };
        person.webSockets.push(entry);
        socket.on('framereceived', () => (entry.framesReceived += 1));
      });
      if (options.clock) await page.clock.install();
      await page.goto('/');
      return person;
    },
  };
}

export async function signUp(person: Person): Promise<void> {
  const { page } = person;
  await page.getByRole('button', { name: 'Create an account' }).click();
  await page.getByLabel('Email', { exact: true }).fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Display name', { exact: true }).fill(person.name);
  await page.getByRole('button', { name: 'Sign up', exact: true }).click();
  await signedIn(person);
}

export async function logIn(person: Person, password = PASSWORD): Promise<void> {
  const { page } = person;
  await page.getByLabel('Email', { exact: true }).fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
}

export async function signedIn(person: Person): Promise<void> {
  await person.page.getByText(`Signed in as ${person.name}`).waitFor();
  await person.page.getByRole('status').getByText('Connected').waitFor();
}

export async function join(person: Person, room: string): Promise<void> {
  const field = person.page.getByLabel('Room name');
  if (!(await field.isVisible())) await person.page.getByText('Join or create a room').click();
  await field.fill(room);
  await person.page.getByRole('button', { name: 'Join', exact: true }).click();
  await log(person, room).waitFor();
}

/** The conversation of `room`: a log named after it. */
export function log(person: Person, room: string): Locator {
  return person.page.getByRole('log', { name: room, exact: true });
}

/** The texts of the messages in a room's log, in order (not names, times or buttons). */
export function texts(person: Person, room: string): Promise<string[]> {
  return log(person, room).locator('article .text').allTextContents();
}

/** The room's entry in the "Rooms" navigation (its name, unread count and last message). */
export function roomLink(person: Person, title: string | RegExp): Locator {
  return person.page
    .getByRole('navigation', { name: 'Rooms' })
    .getByRole('listitem')
    .filter({ hasText: title })
    .getByRole('button')
    .first();
}

/** Opens one of the person's rooms from the list, and waits for its conversation. */
export async function openRoom(person: Person, title: string): Promise<void> {
  await roomLink(person, new RegExp(title)).click();
  await log(person, title).waitFor();
}

/** Sends `text` and waits until the sender's own log shows it (the ack arrived). */
export async function send(person: Person, text: string, room: string): Promise<void> {
  await person.page.getByLabel('Message', { exact: true }).fill(text);
  await person.page.getByRole('button', { name: 'Send', exact: true }).click();
  await log(person, room).getByText(text, { exact: true }).waitFor();
}
