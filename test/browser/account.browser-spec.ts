import { join, logIn, PASSWORD, send, signUp, useBrowserSuite } from '../support/browser-person';
import { screenshot } from '../support/browser';

describe('browser client: logging in and the account', () => {
  const suite = useBrowserSuite();

  it('shows a clear error for a wrong password and stays on the log-in form', async () => {
    const cat = await suite.open('Cat');
    await suite.app().http.post('/users').send({ email: cat.email, password: PASSWORD, displayName: 'Cat' }).expect(201);
    await logIn(cat, 'not the right password');
    await cat.page.getByRole('alert').getByText('Wrong email or password.').waitFor();
    await screenshot(cat.page, 'wrong-password');
    expect(await cat.page.getByRole('button', { name: 'Log in', exact: true }).isVisible()).toBe(true);
    expect(cat.trouble).toEqual([]);
    await cat.context.close();
  });

  it('manages the account: name, sessions, password, log out everywhere', async () => {
    const dan = await suite.open('Dan');
    await signUp(dan);
    // A second device of Dan's, for the session list.
    const other = await suite.app().http.post('/auth/login').send({ email: dan.email, password: PASSWORD }).expect(200);

    await dan.page.getByRole('button', { name: 'Account', exact: true }).click();
    await dan.page.getByRole('heading', { name: 'Account' }).waitFor();
    const sessions = dan.page.getByRole('region', { name: 'Sessions' }).getByRole('listitem');
    await sessions.nth(1).waitFor();
    expect(await sessions.count()).toBe(2);
    await screenshot(dan.page, 'account');

    await dan.page.getByLabel('Display name', { exact: true }).fill('Daniel');
    await dan.page.getByRole('button', { name: 'Save name' }).click();
    await dan.page.getByRole('banner').getByText('Signed in as Daniel').waitFor();
    await suite
      .app()
      .http.get('/users/me')
      .set('Authorization', `Bearer ${other.body.accessToken}`)
      .expect(200, /"displayName":"Daniel"/);

    await dan.page.getByRole('button', { name: /^End session/ }).click();
    await dan.page
      .getByRole('region', { name: 'Sessions' })
      .getByRole('button', { name: /^End session/ })
      .waitFor({ state: 'detached' });
    expect(await sessions.count()).toBe(1);
    await suite.app().http.post('/auth/refresh').send({ refreshToken: other.body.refreshToken }).expect(401);

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
});
