import type { ChatMessage } from './chat-types';

export type Applied = { change: 'added' | 'replaced'; index: number } | { change: 'none' };

/** How recent a message's state is: a tombstone beats an edit, a later edit an earlier one. */
function freshness(message: ChatMessage): number {
  return message.deleted ? Number.POSITIVE_INFINITY : Date.parse(message.editedAt ?? message.createdAt);
}

/**
 * One room's messages in seq order, each once, however they arrive: live, history pages,
 * message:sync pages, edits and deletes. A message seen again in an older state never undoes a
 * newer one.
 */
export class MessageStore {
  private readonly messages: ChatMessage[] = [];
  private readonly bySeq = new Map<number, ChatMessage>();
  /** Cursor for older history; null once the oldest message is here. */
  olderCursor: string | null | undefined;

  get newest(): ChatMessage | undefined {
    return this.messages.at(-1);
  }

  get size(): number {
    return this.messages.length;
  }

  get(seq: number): ChatMessage | undefined {
    return this.bySeq.get(seq);
  }

  /**
   * Where message:sync must start: the last seq of the unbroken run from the oldest message
   * held. A live message that skipped ahead (seq 105 after 100) does not move it, so the sync
   * still fetches 101-104. 0 when nothing is held.
   */
  get syncFrom(): number {
    if (this.messages.length === 0) return 0;
    let seq = this.messages[0].seq;
    while (this.bySeq.has(seq + 1)) seq += 1;
    return seq;
  }

  /** Adds a message, or replaces the one with its seq when this state is newer. */
  apply(message: ChatMessage): Applied {
    const existing = this.bySeq.get(message.seq);
    if (existing) {
      if (freshness(message) <= freshness(existing)) return { change: 'none' };
      const index = this.messages.indexOf(existing);
      this.messages[index] = message;
      this.bySeq.set(message.seq, message);
      return { change: 'replaced', index };
    }
    let index = this.messages.length;
    while (index > 0 && this.messages[index - 1].seq > message.seq) index -= 1;
    this.messages.splice(index, 0, message);
    this.bySeq.set(message.seq, message);
    return { change: 'added', index };
  }
}
