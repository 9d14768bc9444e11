import type { ChatUser } from '../chat-types';
import { h } from '../dom';

/** How long "is typing" stays up after the last typing event (senders repeat it every 2 s). */
const TYPING_SHOWN_MS = 4_000;

/** "Ann is typing…": a polite live region, updated as typing events come and go. */
export class TypingIndicator {
  readonly element = h('p', { class: 'typing', 'aria-live': 'polite' });
  private readonly typists = new Map<string, { user: ChatUser; timer: ReturnType<typeof setTimeout> }>();

  show(user: ChatUser): void {
    clearTimeout(this.typists.get(user.id)?.timer);
    this.typists.set(user.id, { user, timer: setTimeout(() => this.stop(user.id), TYPING_SHOWN_MS) });
    this.render();
  }

  /** The user stopped (their message arrived, or the typing event went stale). */
  stop(userId: string): void {
    const typist = this.typists.get(userId);
    if (!typist) return;
    clearTimeout(typist.timer);
    this.typists.delete(userId);
    this.render();
  }

  private render(): void {
    const names = [...this.typists.values()].map((typist) => typist.user.displayName);
    this.element.textContent = names.length === 0 ? '' : `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} typing…`;
  }
}
