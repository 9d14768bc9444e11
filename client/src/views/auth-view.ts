import { apiRequest } from '../api';
import { busy, field, formValues, h } from '../dom';
import { Notice } from './notice';

export interface AuthActions {
  logIn(email: string, password: string): Promise<void>;
}

/**
 * The signed-out screen: log in, or sign up (which logs in straight after). Only one form is in
 * the page at a time, so "Email" and "Password" name exactly one field each.
 */
export function authView(actions: AuthActions, mode: 'login' | 'signup', message?: string): HTMLElement {
  const notice = new Notice();
  if (message) notice.show(message);
  const email = field('Email', { name: 'email', type: 'email', autocomplete: 'email', required: true });
  const password = field('Password', {
    name: 'password',
    type: 'password',
    autocomplete: mode === 'login' ? 'current-password' : 'new-password',
    required: true,
  });
  const displayName =
    mode === 'signup' ? field('Display name', { name: 'displayName', autocomplete: 'nickname', required: true }) : undefined;
  const submit = h('button', { type: 'submit' }, mode === 'login' ? 'Log in' : 'Sign up');

  const form = h('form', { class: 'card' }, email.wrapper, password.wrapper, displayName?.wrapper, notice.element, submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = formValues(form);
    notice.clear();
    void busy(form, async () => {
      if (mode === 'signup') await apiRequest('POST', '/users', { body: values });
      await actions.logIn(values.email, values.password);
    }).catch((error: unknown) => {
      notice.error(error);
      password.input.focus();
    });
  });

  const other = mode === 'login' ? 'signup' : 'login';
  const switcher = h(
    'button',
    { type: 'button', class: 'link', onclick: () => root.replaceWith(authView(actions, other)) },
    mode === 'login' ? 'Create an account' : 'I already have an account',
  );
  const root = h(
    'main',
    { class: 'auth', 'aria-labelledby': 'auth-title' },
    h('h1', { id: 'auth-title' }, mode === 'login' ? 'Log in' : 'Sign up'),
    form,
    switcher,
  );
  queueMicrotask(() => email.input.focus());
  return root;
}
