import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { Types } from 'mongoose';
import { Service } from 'typedi';
import { SequenceContentionError } from './chat-errors';
import type { MessageRecord } from './message-record';
import { MessageRepository, type NewMessage } from './message.repository';
import type { RoomRecord } from './room-record';

/** Attempts per send before giving up; each failed one means another instance just took that seq. */
const MAX_SEQ_ATTEMPTS = 100;
/** Rooms whose last seq this instance remembers; a forgotten room costs one read on its next send. */
const REMEMBERED_ROOMS = 10_000;
/** Sends written in one round trip at most. */
const MAX_RUN = 100;

export interface Appended {
  record: MessageRecord;
  created: boolean;
}

interface PendingSend {
  room: RoomRecord;
  message: NewMessage;
  /** Chosen before the write, so a send can tell its own message from someone else's afterwards. */
  id: string;
  dedupeKey: string;
  resolve: (appended: Appended) => void;
  reject: (error: unknown) => void;
}

/** A place in a room's line: empty while the send's checks run, then its send, or cancelled. */
interface Place {
  send?: PendingSend;
  cancelled?: boolean;
}

/** A send's place in its room's line, taken when it arrives; append() or cancel() exactly once. */
export interface Reservation {
  append(room: RoomRecord, message: NewMessage): Promise<Appended>;
  cancel(): void;
}

/**
 * Gives each new message its room's next seq, in the order the sends arrived: a send takes its
 * place in the room's line before its checks (which run concurrently with other sends'), and is
 * written when every place before it is written or cancelled. One write per room is in flight at
 * a time on this instance, so it never races itself; the sends ready meanwhile go out together in
 * the next write (one ordered insert, consecutive seqs), so a busy room costs a round trip per
 * run, not per message. The last seq stored is remembered, so a send does not ask the database
 * for the room's highest seq (a query that reads every message on FerretDB). Other instances are
 * settled by the unique (room, seq) index: when a remembered seq turns out to be taken, the sends
 * of that run are settled one by one, reading the room's highest seq again.
 */
@Service()
export class MessageSequencer {
  /** Each room's line, in arrival order; a room has one while a send of it is pending. */
  private readonly lines = new Map<string, Place[]>();
  private readonly writing = new Set<string>();
  private readonly lastSeqs = new LRUCache<string, number>({ max: REMEMBERED_ROOMS });

  constructor(private readonly messages: MessageRepository) {}

  /** Takes the next place in the room's line for a send that is still being checked. */
  reserve(roomId: string): Reservation {
    const place: Place = {};
    const line = this.lines.get(roomId);
    if (line) line.push(place);
    else this.lines.set(roomId, [place]);
    return {
      append: (room, message) =>
        new Promise<Appended>((resolve, reject) => {
          const dedupeKey = message.clientMsgId === undefined ? `s:${randomUUID()}` : `c:${message.clientMsgId}`;
          place.send = { room, message, id: new Types.ObjectId().toHexString(), dedupeKey, resolve, reject };
          this.drain(roomId);
        }),
      cancel: () => {
        place.cancelled = true;
        this.drain(roomId);
      },
    };
  }

  private drain(roomId: string): void {
    if (!this.writing.has(roomId)) void this.writeReady(roomId);
  }

  /** Writes the sends at the head of the line, run after run, until its head is still being checked. */
  private async writeReady(roomId: string): Promise<void> {
    this.writing.add(roomId);
    try {
      for (let run = this.nextRun(roomId); run; run = this.nextRun(roomId)) await this.write(run.sends, run.key);
    } finally {
      this.writing.delete(roomId);
    }
  }

  /** Takes the ready sends at the head of the line that share one incarnation of the room (see memoryKey). */
  private nextRun(roomId: string): { sends: PendingSend[]; key: string } | undefined {
    const line = this.lines.get(roomId) ?? [];
    const sends: PendingSend[] = [];
    let key: string | undefined;
    while (line.length > 0 && sends.length < MAX_RUN) {
      const head = line[0]!;
      if (head.cancelled) {
        line.shift();
        continue;
      }
      if (!head.send || (key !== undefined && memoryKey(head.send.room) !== key)) break;
      key = memoryKey(head.send.room);
      sends.push(head.send);
      line.shift();
    }
    if (line.length === 0) this.lines.delete(roomId);
    return key === undefined ? undefined : { sends, key };
  }

  /** Writes one run and settles every send in it; never throws. */
  private async write(run: PendingSend[], key: string): Promise<void> {
    try {
      const last = this.lastSeqs.get(key) ?? (await this.messages.lastSeq(run[0]!.room.id));
      const stored = await this.messages.insertRun(run.map((send, index) => ({ ...send, seq: last + 1 + index })));
      if (stored !== 'refused') {
        this.lastSeqs.set(key, last + run.length);
        return run.forEach((send, index) => send.resolve({ record: stored[index]!, created: true }));
      }
      this.lastSeqs.delete(key);
      // A prefix of the run may be stored; each send finds its own message or goes again alone.
      for (const send of run) await this.appendOne(send, key).then(send.resolve, send.reject);
    } catch (error) {
      this.lastSeqs.delete(key);
      run.forEach((send) => send.reject(error));
    }
  }

  private async appendOne(send: PendingSend, key: string): Promise<Appended> {
    const mine = await this.messages.findById(send.id);
    if (mine) return { record: mine, created: true };
    for (let attempt = 0; attempt < MAX_SEQ_ATTEMPTS; attempt += 1) {
      const seq = (this.lastSeqs.get(key) ?? (await this.messages.lastSeq(send.room.id))) + 1;
      const outcome = await this.messages.insertAt(send.message, seq, send.dedupeKey);
      if (outcome === 'seq_taken') {
        this.lastSeqs.delete(key);
        continue;
      }
      if (outcome.created) this.lastSeqs.set(key, seq);
      return outcome;
    }
    throw new SequenceContentionError();
  }
}

/**
 * What the last seq is remembered under: the room and its creation, so a room deleted and created
 * again (on any instance) starts from its stored seqs, never from the room before it.
 */
function memoryKey(room: RoomRecord): string {
  return `${room.id}\u0000${room.createdAt.getTime()}`;
}
