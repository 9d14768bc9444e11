import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { Service } from 'typedi';
import { SequenceContentionError } from './chat-errors';
import { KeyedQueue } from './keyed-queue';
import type { MessageRecord } from './message-record';
import { MessageRepository, type NewMessage } from './message.repository';
import type { RoomRecord } from './room-record';

/** Attempts per send before giving up; each failed one means another instance just took that seq. */
const MAX_SEQ_ATTEMPTS = 100;
/** Rooms whose last seq this instance remembers; a forgotten room costs one read on its next send. */
const REMEMBERED_ROOMS = 10_000;

/**
 * Gives each new message its room's next seq. Sends of one room are queued within this instance,
 * so it never races itself; the last seq it stored is remembered, so a send does not have to ask
 * the database for the room's highest seq (a query that reads every message of the collection on
 * FerretDB). Other instances are settled by the unique (room, seq) index: when the remembered seq
 * turns out to be taken, the room's highest is read again and the send retries.
 */
@Service()
export class MessageSequencer {
  private readonly perRoom = new KeyedQueue();
  private readonly lastSeqs = new LRUCache<string, number>({ max: REMEMBERED_ROOMS });

  constructor(private readonly messages: MessageRepository) {}

  /**
   * Stores the message with the room's next seq; `created` is false for a repeated clientMsgId,
   * in which case the message stored the first time is returned.
   */
  async append(room: RoomRecord, message: NewMessage): Promise<{ record: MessageRecord; created: boolean }> {
    const dedupeKey = message.clientMsgId === undefined ? `s:${randomUUID()}` : `c:${message.clientMsgId}`;
    // Keyed by the room's creation too: a room deleted and created again (on any instance) starts
    // from its stored seqs, never from what was remembered of the room before it.
    const memory = `${room.id}\u0000${room.createdAt.getTime()}`;
    return this.perRoom.run(room.id, async () => {
      for (let attempt = 0; attempt < MAX_SEQ_ATTEMPTS; attempt += 1) {
        const seq = (this.lastSeqs.get(memory) ?? (await this.messages.lastSeq(room.id))) + 1;
        const outcome = await this.messages.insertAt(message, seq, dedupeKey);
        if (outcome === 'seq_taken') {
          this.lastSeqs.delete(memory);
          continue;
        }
        if (outcome.created) this.lastSeqs.set(memory, seq);
        return outcome;
      }
      throw new SequenceContentionError();
    });
  }
}
