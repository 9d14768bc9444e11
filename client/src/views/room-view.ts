import { ApiError } from '../api';
import type { ChatConnection } from '../chat-connection';
import type { ChatMessage, ChatUser } from '../chat-types';
import { field, h, replaceChildren } from '../dom';
import { isNewer, MessageStore } from '../message-store';
import { Notice } from './notice';
import { TypingIndicator } from './typing-indicator';

const TYPING_EVERY_MS = 2_000;
/** Gap fill reads at most this many history pages after a reconnect (phase 2: message:sync). */
const GAP_PAGES = 10;

/** One joined room: its conversation log, who is here, who is typing, and the message form. */
export class RoomView {
  readonly store = new MessageStore();
  readonly element: HTMLElement;
  unread = 0;
  private readonly log: HTMLElement;
  private readonly members: HTMLUListElement;
  private readonly typing = new TypingIndicator();
  private readonly older = h('button', { type: 'button', class: 'older', hidden: true }, 'Load older messages');
  private readonly notice = new Notice();
  private readonly message = field('Message', { name: 'text', autocomplete: 'off', maxlength: 2000, required: true });
  private pending: { text: string; id: string } | undefined;
  private lastTyping = 0;

  constructor(
    readonly room: string,
    private readonly connection: ChatConnection,
  ) {
    this.log = h('div', { class: 'log', role: 'log', 'aria-label': room, tabindex: 0 });
    this.members = h('ul', { class: 'members', 'aria-label': `Online in ${room}` });
    this.older.addEventListener('click', () => void this.loadOlder());
    this.message.input.addEventListener('input', () => this.typed());
    const form = h('form', { class: 'composer' }, this.message.wrapper, h('button', { type: 'submit' }, 'Send'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.send();
    });
    this.element = h(
      'section',
      { class: 'room', 'aria-labelledby': `room-${room}` },
      h(
        'header',
        { class: 'room-header' },
        h('h2', { id: `room-${room}` }, `# ${room}`),
        h('div', { class: 'presence' }, h('span', { class: 'muted' }, 'Here: '), this.members),
      ),
      this.older,
      this.log,
      this.typing.element,
      this.notice.element,
      form,
    );
  }

  focus(): void {
    this.message.input.focus();
  }

  /** Adds one message where it belongs (live, history or gap fill alike); false if already shown. */
  add(message: ChatMessage): boolean {
    const index = this.store.add(message);
    if (index < 0) return false;
    const stick = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 40;
    this.log.insertBefore(renderMessage(message), this.log.children[index] ?? null);
    this.typing.stop(message.author.id);
    if (stick && index === this.store.size - 1) this.log.scrollTop = this.log.scrollHeight;
    return true;
  }

  setMembers(members: ChatUser[]): void {
    replaceChildren(this.members, ...members.map((member) => h('li', {}, member.displayName)));
  }

  showTyping(user: ChatUser): void {
    this.typing.show(user);
  }

  /** The newest page of history, on first join. */
  async loadLatest(): Promise<void> {
    const page = await this.connection.history(this.room);
    for (const message of page.messages) this.add(message);
    this.setCursor(page.nextBefore);
    this.log.scrollTop = this.log.scrollHeight;
  }

  /**
   * After a reconnect: reads history from the newest message back until it reaches what is
   * already shown, so messages sent while away appear once each, in order.
   */
  async fillGap(): Promise<void> {
    // What was newest before the drop: live messages that arrive meanwhile do not move it.
    const anchor = this.store.newest;
    let before: string | null = null;
    for (let pages = 0; pages < GAP_PAGES; pages += 1) {
      const page = await this.connection.history(this.room, before);
      const reached = anchor !== undefined && page.messages.some((message) => !isNewer(message, anchor));
      for (const message of page.messages) this.add(message);
      if (this.store.olderCursor === undefined) this.setCursor(page.nextBefore);
      if (reached || page.nextBefore === null) return;
      before = page.nextBefore;
    }
  }

  private async loadOlder(): Promise<void> {
    if (!this.store.olderCursor) return;
    try {
      const page = await this.connection.history(this.room, this.store.olderCursor);
      const from = this.log.scrollHeight - this.log.scrollTop;
      for (const message of page.messages) this.add(message);
      this.log.scrollTop = this.log.scrollHeight - from;
      this.setCursor(page.nextBefore);
    } catch (error) {
      this.notice.error(error);
    }
  }

  private async send(): Promise<void> {
    const text = this.message.input.value.trim();
    if (!text) return;
    // The same id for a retry of the same text: the server stores it once however often it arrives.
    if (this.pending?.text !== text) this.pending = { text, id: randomId() };
    this.notice.clear();
    try {
      this.add(await this.connection.send(this.room, text, this.pending.id));
      this.pending = undefined;
      if (this.message.input.value.trim() === text) this.message.input.value = '';
    } catch (error) {
      this.notice.error(error instanceof ApiError ? error : new ApiError(0, 'internal_error', String(error)));
    }
    this.message.input.focus();
  }

  private typed(): void {
    const now = Date.now();
    if (now - this.lastTyping < TYPING_EVERY_MS || this.message.input.value === '') return;
    this.lastTyping = now;
    this.connection.typing(this.room);
  }

  private setCursor(cursor: string | null): void {
    this.store.olderCursor = cursor;
    this.older.hidden = cursor === null;
  }
}

function renderMessage(message: ChatMessage): HTMLElement {
  const time = new Date(message.createdAt);
  return h(
    'article',
    { class: 'message', 'data-id': message.id },
    h(
      'header',
      {},
      h('strong', {}, message.author.displayName),
      ' ',
      h('time', { datetime: message.createdAt }, time.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })),
    ),
    h('p', {}, message.text),
  );
}

/** A client message id from the CSPRNG (crypto.randomUUID needs a secure context; this does not). */
function randomId(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
