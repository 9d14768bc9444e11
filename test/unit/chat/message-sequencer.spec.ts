import { SequenceContentionError } from '../../../src/chat/chat-errors';
import type { MessageRecord } from '../../../src/chat/message-record';
import type { InsertOutcome, MessageRepository, NewMessage } from '../../../src/chat/message.repository';
import { MessageSequencer } from '../../../src/chat/message-sequencer';
import type { RoomRecord } from '../../../src/chat/room-record';

const authorId = 'a'.repeat(24);
const general: RoomRecord = { id: 'general', name: 'general', kind: 'public', ownerId: null, createdAt: new Date(1_000) };

/** A messages collection in memory with the unique (room, seq) and (author, dedupeKey) rules. */
function storeWith() {
  const rows: MessageRecord[] = [];
  const dedupe = new Map<string, MessageRecord>();
  const taken = new Set<number>();
  const store = (message: NewMessage, seq: number, dedupeKey: string, id = `generated-${rows.length}`): InsertOutcome => {
    const earlier = dedupe.get(dedupeKey);
    if (earlier) return { record: earlier, created: false };
    if (taken.has(seq) || rows.some((row) => row.room === message.room && row.seq === seq)) return 'seq_taken';
    const record: MessageRecord = { id, room: message.room, seq, authorId, text: message.text, createdAt: new Date() };
    rows.push(record);
    dedupe.set(dedupeKey, record);
    return { record, created: true };
  };
  const repository = {
    lastSeq: jest.fn(async (room: string) => Math.max(0, ...taken, ...rows.filter((row) => row.room === room).map((row) => row.seq))),
    insertAt: jest.fn(async (message: NewMessage, seq: number, dedupeKey: string) => store(message, seq, dedupeKey)),
    // Ordered, as the real one: stores a prefix and stops at the first refusal.
    insertRun: jest.fn(async (run: { id: string; message: NewMessage; seq: number; dedupeKey: string }[]) => {
      const stored: MessageRecord[] = [];
      for (const { id, message, seq, dedupeKey } of run) {
        if (dedupe.has(dedupeKey)) return 'refused' as const;
        const outcome = store(message, seq, dedupeKey, id);
        if (outcome === 'seq_taken') return 'refused' as const;
        stored.push(outcome.record);
      }
      return stored;
    }),
    findById: jest.fn(async (id: string) => rows.find((row) => row.id === id)),
    /** Another instance stores `seq` behind this one's back. */
    takeElsewhere: (seq: number) => taken.add(seq),
    clear: () => {
      rows.splice(0);
      taken.clear();
    },
  };
  return { repository, sequencer: new MessageSequencer(repository as unknown as MessageRepository) };
}

/** A send that takes its place and is ready at once, as one whose checks have passed. */
const appendTo = (sequencer: MessageSequencer, room: RoomRecord, message: NewMessage) => sequencer.reserve(room.id).append(room, message);

const text = (n: number): NewMessage => ({ room: 'general', authorId, text: `m${n}` });

describe('MessageSequencer', () => {
  it('numbers sends 1, 2, 3 and asks the database for the last seq only once', async () => {
    const { repository, sequencer } = storeWith();
    const seqs = [];
    for (const n of [1, 2, 3]) seqs.push((await appendTo(sequencer, general, text(n))).record.seq);
    expect(seqs).toEqual([1, 2, 3]);
    expect(repository.lastSeq).toHaveBeenCalledTimes(1);
  });

  it('writes the sends that arrive during a write together, in order, with consecutive seqs', async () => {
    const { repository, sequencer } = storeWith();
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => appendTo(sequencer, general, text(n))));
    expect(results.map((result) => [result.record.text, result.record.seq])).toEqual([
      ['m1', 1],
      ['m2', 2],
      ['m3', 3],
      ['m4', 4],
      ['m5', 5],
    ]);
    // The first goes out alone; the four that arrived meanwhile share the next round trip.
    expect(repository.insertRun.mock.calls.map(([run]) => run.length)).toEqual([1, 4]);
  });

  it('settles a run refused midway: the stored prefix as created, the rest one by one', async () => {
    const { repository, sequencer } = storeWith();
    await appendTo(sequencer, general, text(1));
    repository.takeElsewhere(4); // another instance stored seq 4 after this one remembered 1
    const results = await Promise.all([2, 3, 4, 5].map((n) => appendTo(sequencer, general, text(n))));
    expect(results.map((result) => [result.record.seq, result.created])).toEqual([
      [2, true],
      [3, true],
      [5, true],
      [6, true],
    ]);
  });

  it('reads the last seq again when another instance took the remembered next one', async () => {
    const { repository, sequencer } = storeWith();
    await appendTo(sequencer, general, text(1));
    repository.takeElsewhere(2);
    repository.takeElsewhere(3);
    const { record } = await appendTo(sequencer, general, text(2));
    expect(record.seq).toBe(4);
    expect(repository.lastSeq).toHaveBeenCalledTimes(2);
  });

  it('returns the stored message for a repeated clientMsgId without a new seq', async () => {
    const { sequencer } = storeWith();
    const first = await appendTo(sequencer, general, { ...text(1), clientMsgId: 'k1' });
    const again = await appendTo(sequencer, general, { ...text(1), clientMsgId: 'k1' });
    expect(again).toEqual({ record: first.record, created: false });
    expect((await appendTo(sequencer, general, text(2))).record.seq).toBe(2);
  });

  it('starts a room created again from its stored seqs, not from what it remembered', async () => {
    const { repository, sequencer } = storeWith();
    await appendTo(sequencer, general, text(1));
    await appendTo(sequencer, general, text(2));
    repository.clear(); // the room was deleted with its messages, then created again
    const recreated = { ...general, createdAt: new Date(2_000) };
    expect((await appendTo(sequencer, recreated, text(3))).record.seq).toBe(1);
  });

  it('numbers sends in the order they took their places, whichever finishes its checks first', async () => {
    const { sequencer } = storeWith();
    const first = sequencer.reserve('general');
    const second = sequencer.reserve('general');
    const secondStored = second.append(general, text(2));
    await new Promise((resolve) => setImmediate(resolve));
    const firstStored = first.append(general, text(1));
    expect((await firstStored).record.seq).toBe(1);
    expect((await secondStored).record.seq).toBe(2);
  });

  it('lets the sends behind a cancelled place through', async () => {
    const { sequencer } = storeWith();
    const refused = sequencer.reserve('general');
    const behind = sequencer.reserve('general').append(general, text(1));
    refused.cancel();
    expect((await behind).record.seq).toBe(1);
  });

  it('gives up with sequence contention when every seq it tries is taken', async () => {
    const { repository, sequencer } = storeWith();
    repository.insertRun.mockResolvedValue('refused');
    repository.insertAt.mockResolvedValue('seq_taken');
    await expect(appendTo(sequencer, general, text(1))).rejects.toBeInstanceOf(SequenceContentionError);
  });
});
