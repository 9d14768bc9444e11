import { field, h } from '../dom';

const TYPING_EVERY_MS = 2_000;

export interface ComposerActions {
  /** Sends `text` under the client message id; resolves once stored, rejects (after saying why) on failure. */
  send(text: string, clientMsgId: string): Promise<void>;
  typing(): void;
}

/** The message form: "Message" and "Send", typing signals, and retries that never send twice. */
export class Composer {
  readonly element: HTMLFormElement;
  private readonly message = field('Message', { name: 'text', autocomplete: 'off', maxlength: 2000, required: true });
  private pending: { text: string; id: string } | undefined;
  private lastTyping = 0;

  constructor(private readonly actions: ComposerActions) {
    this.message.input.addEventListener('input', () => this.typed());
    this.element = h('form', { class: 'composer' }, this.message.wrapper, h('button', { type: 'submit' }, 'Send'));
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.send();
    });
  }

  focus(): void {
    this.message.input.focus();
  }

  private async send(): Promise<void> {
    const text = this.message.input.value.trim();
    if (!text) return;
    // The same id for a retry of the same text: the server stores it once however often it arrives.
    if (this.pending?.text !== text) this.pending = { text, id: randomId() };
    try {
      await this.actions.send(text, this.pending.id);
      this.pending = undefined;
      if (this.message.input.value.trim() === text) this.message.input.value = '';
    } catch {
      // The room has said why; the text and its id stay for the retry.
    }
    this.message.input.focus();
  }

  private typed(): void {
    const now = Date.now();
    if (now - this.lastTyping < TYPING_EVERY_MS || this.message.input.value === '') return;
    this.lastTyping = now;
    this.actions.typing();
  }
}

/** A client message id from the CSPRNG (crypto.randomUUID needs a secure context; this does not). */
function randomId(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
