import type { ChatMessage } from '../chat-types';
import { field, h } from '../dom';

/**
 * The server's default CHAT_EDIT_WINDOW_SECONDS. The server decides (edit_window_closed); this
 * only hides buttons that would certainly be refused.
 */
const EDIT_WINDOW_MS = 900_000;

export interface MessageActions {
  edit(seq: number, text: string): Promise<void>;
  remove(seq: number): Promise<void>;
}

/** One message (or its tombstone). Text is set as text only: it can never become markup. */
export function renderMessage(message: ChatMessage, mine: boolean, actions: MessageActions): HTMLElement {
  const time = new Date(message.createdAt);
  const header = h(
    'header',
    {},
    h('strong', {}, message.author.displayName),
    ' ',
    h('time', { datetime: message.createdAt }, time.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })),
    message.editedAt && !message.deleted ? h('small', { class: 'edited' }, ' (edited)') : null,
  );
  const body = message.deleted
    ? h('p', { class: 'text deleted' }, 'This message was deleted.')
    : h('p', { class: 'text' }, message.text ?? '');
  const article = h('article', { class: 'message', 'data-seq': message.seq }, header, body);
  if (mine && !message.deleted && Date.now() - time.getTime() < EDIT_WINDOW_MS) article.append(controls(message, body, actions));
  return article;
}

function controls(message: ChatMessage, body: HTMLElement, actions: MessageActions): HTMLElement {
  const edit = h('button', { type: 'button', class: 'link' }, 'Edit');
  const remove = h('button', { type: 'button', class: 'link' }, 'Delete');
  edit.setAttribute('aria-label', 'Edit message');
  remove.setAttribute('aria-label', 'Delete message');
  remove.addEventListener('click', () => void actions.remove(message.seq));
  edit.addEventListener('click', () => {
    const input = field('Edited text', { name: 'text', value: message.text ?? '', maxlength: 2000, required: true, autocomplete: 'off' });
    const cancel = h('button', { type: 'button', class: 'link' }, 'Cancel');
    const form = h('form', { class: 'edit' }, input.wrapper, h('button', { type: 'submit' }, 'Save'), cancel);
    const restore = (): void => {
      form.replaceWith(body);
      edit.focus();
    };
    cancel.addEventListener('click', restore);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = input.input.value.trim();
      if (text === '' || text === message.text) return restore();
      // The updated message replaces this whole article when the answer comes.
      void actions.edit(message.seq, text);
    });
    body.replaceWith(form);
    input.input.focus();
  });
  return h('p', { class: 'message-actions' }, edit, ' ', remove);
}
