import { h } from '../dom';
import { describeError } from '../error-messages';

/** An alert region: shown messages are announced by screen readers at once. */
export class Notice {
  readonly element = h('p', { class: 'notice', role: 'alert', hidden: true });

  error(error: unknown): void {
    this.show(describeError(error), 'error');
  }

  show(text: string, tone: 'error' | 'info' = 'info'): void {
    this.element.textContent = text;
    this.element.className = `notice notice-${tone}`;
    this.element.hidden = false;
  }

  clear(): void {
    this.element.textContent = '';
    this.element.hidden = true;
  }
}
