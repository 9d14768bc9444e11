import { join, log, openRoom, roomLink, send, signedIn, signUp, texts, useBrowserSuite } from '../support/browser-person';
import { screenshot } from '../support/browser';

describe('browser client: rooms as resources', () => {
  const suite = useBrowserSuite();

  it('creates a private room, invites, renames and removes; a public room is found in the list, joined and deleted', async () => {
    const cat = await suite.open('Cat');
    const dan = await suite.open('Dan');
    await signUp(cat);
    await signUp(dan);
    // They meet in a public room: that is how Cat learns whom she can invite.
    await join(cat, 'lobby');
    await join(dan, 'lobby');
    await cat.page.getByRole('list', { name: 'Online in lobby' }).getByText('Dan', { exact: true }).waitFor();

    await cat.page.getByLabel('New room').fill('Secret plans');
    await cat.page.getByLabel('Visibility').selectOption('private');
    await cat.page.getByRole('button', { name: 'Create room' }).click();
    await log(cat, 'Secret plans').waitFor();
    await cat.page.getByLabel('Invite').selectOption({ label: 'Dan' });
    await cat.page.getByRole('button', { name: 'Invite', exact: true }).click();
    await cat.page.getByRole('alert').getByText('Invited Dan to Secret plans.').waitFor();

    // The invitation reaches Dan's list at once (room:added).
    await openRoom(dan, 'Secret plans');
    await send(dan, 'count me in', 'Secret plans');
    await log(cat, 'Secret plans').getByText('count me in', { exact: true }).waitFor();
    await screenshot(cat.page, 'private-room');

    // The owner renames it: everyone in the room sees the new name (room:updated).
    await cat.page.getByLabel('Rename room').fill('Plans');
    await cat.page.getByRole('button', { name: 'Rename', exact: true }).click();
    await log(dan, 'Plans').getByText('count me in', { exact: true }).waitFor();
    await roomLink(dan, /Plans/).waitFor();

    await cat.page.getByRole('list', { name: 'Online in Plans' }).getByRole('button', { name: 'Remove Dan' }).click();
    await dan.page.getByRole('alert').getByText('You were removed from Plans.').waitFor();
    await roomLink(dan, /Plans/).waitFor({ state: 'detached' });

    // A public room Cat creates is listed for Dan to join (after his next room list: a reload).
    await cat.page.getByLabel('New room').fill('announcements');
    await cat.page.getByLabel('Visibility').selectOption('public');
    await cat.page.getByRole('button', { name: 'Create room' }).click();
    await log(cat, 'announcements').waitFor();
    await send(cat, 'welcome', 'announcements');
    await dan.page.reload();
    await signedIn(dan);
    await dan.page.getByRole('button', { name: 'Join # announcements' }).click();
    await log(dan, 'announcements').getByText('welcome', { exact: true }).waitFor();

    // Deleting the room ends it for its members too.
    await cat.page.getByRole('button', { name: 'Delete room' }).click();
    await dan.page.getByRole('alert').getByText('This room was deleted: announcements.').waitFor();
    await roomLink(dan, /announcements/).waitFor({ state: 'detached' });
    expect(cat.trouble).toEqual([]);
    expect(dan.trouble).toEqual([]);
    await cat.context.close();
    await dan.context.close();
  });

  it('edits and deletes a message within the window, for everyone, and keeps unread counts across a reload', async () => {
    const eli = await suite.open('Eli');
    const fay = await suite.open('Fay');
    await signUp(eli);
    await signUp(fay);
    await join(eli, 'edits');
    await join(fay, 'edits');
    await send(eli, 'helo', 'edits');
    await send(eli, 'a mistake', 'edits');
    await log(fay, 'edits').getByText('a mistake', { exact: true }).waitFor();

    const first = log(eli, 'edits').locator('article').filter({ hasText: 'helo' });
    await first.getByRole('button', { name: 'Edit message' }).click();
    await eli.page.getByLabel('Edited text').fill('hello');
    await eli.page.getByRole('button', { name: 'Save' }).click();
    await log(fay, 'edits').getByText('hello', { exact: true }).waitFor();
    await log(fay, 'edits').getByText('(edited)').waitFor();

    await log(eli, 'edits').locator('article').filter({ hasText: 'a mistake' }).getByRole('button', { name: 'Delete message' }).click();
    await log(fay, 'edits').getByText('This message was deleted.').waitFor();
    expect(await texts(fay, 'edits')).toEqual(['hello', 'This message was deleted.']);
    // Only the author gets the controls.
    expect(await log(fay, 'edits').getByRole('button', { name: 'Edit message' }).count()).toBe(0);

    // Fay looks elsewhere; Eli writes twice: the server's count survives Fay's reload.
    await join(fay, 'elsewhere');
    await send(eli, 'one', 'edits');
    await send(eli, 'two', 'edits');
    await roomLink(fay, /edits/).getByText('2 unread').waitFor();
    await fay.page.reload();
    await signedIn(fay);
    await roomLink(fay, /edits/).getByText('2 unread').waitFor();
    await openRoom(fay, 'edits');
    await log(fay, 'edits').getByText('two', { exact: true }).waitFor();
    await roomLink(fay, /edits/)
      .getByText(/unread/)
      .waitFor({ state: 'detached' });
    expect(eli.trouble).toEqual([]);
    expect(fay.trouble).toEqual([]);
    await eli.context.close();
    await fay.context.close();
  });
});
