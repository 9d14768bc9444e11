import { busy, field, formValues, h, replaceChildren } from '../dom';
import type { Session, User } from '../session';
import { Notice } from './notice';

interface PublicSession {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  userAgent?: string;
  ip?: string;
  current: boolean;
}

interface PasswordChanged {
  accessToken: string;
  expiresIn: number;
}

/** Who am I, display name, password, sessions (devices), log out everywhere. */
export function accountView(session: Session, onProfile: (user: User) => void, onClose: () => void): HTMLElement {
  const notice = new Notice();
  const who = h('p', {}, `Signed in as ${session.user.displayName} (${session.user.email})`);
  const sessions = h('ul', { class: 'sessions' });

  const name = field('Display name', { name: 'displayName', value: session.user.displayName, required: true, autocomplete: 'nickname' });
  const nameForm = h('form', { class: 'card' }, h('h3', {}, 'Profile'), name.wrapper, h('button', { type: 'submit' }, 'Save name'));
  submit(nameForm, notice, async (values) => {
    const user = await session.request<User>('PATCH', '/users/me', values);
    session.user = user;
    who.textContent = `Signed in as ${user.displayName} (${user.email})`;
    onProfile(user);
    notice.show('Display name saved.');
  });

  const current = field('Current password', {
    name: 'currentPassword',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const next = field('New password', { name: 'newPassword', type: 'password', autocomplete: 'new-password', required: true });
  const passwordForm = h(
    'form',
    { class: 'card' },
    h('h3', {}, 'Password'),
    current.wrapper,
    next.wrapper,
    h('button', { type: 'submit' }, 'Change password'),
  );
  submit(passwordForm, notice, async (values) => {
    const answer = await session.request<PasswordChanged>('POST', '/users/me/password', values);
    session.useAccessToken(answer.accessToken, answer.expiresIn);
    passwordForm.reset();
    notice.show('Password changed. Your other sessions were logged out.');
    await listSessions();
  });

  async function listSessions(): Promise<void> {
    const list = await session.request<PublicSession[]>('GET', '/auth/sessions');
    replaceChildren(sessions, ...list.map((entry) => sessionItem(entry)));
  }

  function sessionItem(entry: PublicSession): HTMLElement {
    const label = `${entry.userAgent ?? 'Unknown device'}${entry.ip ? `, ${entry.ip}` : ''}`;
    const since = `since ${new Date(entry.createdAt).toLocaleString()}, last used ${new Date(entry.lastUsedAt).toLocaleString()}`;
    const end = h('button', { type: 'button', 'aria-label': `End session: ${label}, ${since}` }, 'End session');
    end.addEventListener('click', () => {
      end.disabled = true;
      session
        .request('DELETE', `/auth/sessions/${encodeURIComponent(entry.id)}`)
        .then(listSessions)
        .catch((error: unknown) => notice.error(error))
        .finally(() => (end.disabled = false));
    });
    return h('li', {}, h('span', {}, label, ' ', h('small', {}, since)), entry.current ? h('strong', {}, ' (this device)') : end);
  }

  const everywhere = h('button', { type: 'button', class: 'danger' }, 'Log out everywhere');
  everywhere.addEventListener('click', () => void session.logOutEverywhere().catch((error: unknown) => notice.error(error)));
  const back = h('button', { type: 'button', class: 'link', onclick: onClose }, 'Back to chat');

  void listSessions().catch((error: unknown) => notice.error(error));
  return h(
    'section',
    { class: 'account', 'aria-labelledby': 'account-title' },
    h('h2', { id: 'account-title' }, 'Account'),
    who,
    notice.element,
    nameForm,
    passwordForm,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'sessions-title' },
      h('h3', { id: 'sessions-title' }, 'Sessions'),
      sessions,
      everywhere,
    ),
    back,
  );
}

/** Runs `work` with the form's values (read before busy() disables the fields, which empties FormData). */
function submit(form: HTMLFormElement, notice: Notice, work: (values: Record<string, string>) => Promise<void>): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    notice.clear();
    const values = formValues(form);
    void busy(form, () => work(values)).catch((error: unknown) => notice.error(error));
  });
}
