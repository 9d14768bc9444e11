import type { ChatMessage } from './chat-types';

/** Oldest first, as the server orders history: by creation time, then by id. */
function compare(a: ChatMessage, b: ChatMessage): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Whether `a` comes after `b` in the room's order. */
export function isNewer(a: ChatMessage, b: ChatMessage): boolean {
  return compare(a, b) > 0;
}

/**
 * One room's messages, in order and each once, however they arrive: live, from history pages,
 * or from the gap fill after a reconnect (phase 2: from message:sync).
 */
export class MessageStore {
  private readonly messages: ChatMessage[] = [];
  private readonly ids = new Set<string>();
  /** Cursor for older history; null once the oldest message is here. */
  olderCursor: string | null | undefined;

  get newest(): ChatMessage | undefined {
    return this.messages.at(-1);
  }

  get size(): number {
    return this.messages.length;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Adds a message unless it is already here; returns its position, or -1 for a duplicate. */
  add(message: ChatMessage): number {
    if (this.ids.has(message.id)) return -1;
    this.ids.add(message.id);
    let index = this.messages.length;
    while (index > 0 && compare(this.messages[index - 1], message) > 0) index -= 1;
    this.messages.splice(index, 0, message);
    return index;
  }
}
