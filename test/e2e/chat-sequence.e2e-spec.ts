import { randomUUID } from 'node:crypto';
import { MessageModel } from '../../src/chat/message.model';
import { aChatClient, call, createRoom, syncAll, type ChatClient, type WireMessage } from '../fixtures/chat';
import { disconnectAll, recordEvents, type AckResponse } from '../support/sockets';
import { startTwoInstances } from '../support/instances';
import type { TestApp } from '../support/test-app';

const SENDERS_PER_INSTANCE = 3;
const SENDS_PER_SENDER = 15;
const TOTAL = 2 * SENDERS_PER_INSTANCE * SENDS_PER_SENDER;

/**
 * Two instances sharing the database and Redis, as two replicas behind a load balancer: senders on
 * both fire at once into one room, and the seqs must come out exactly 1..N.
 */
describe('chat sequence numbers across two instances', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    // A budget large enough for the burst, and fresh rate-limit keys: other runs may share this Redis.
    [a, b] = await startTwoInstances({ CHAT_RATE_LIMIT_POINTS: '1000', RATE_LIMIT_KEY_PREFIX: `rl-${randomUUID()}` });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });
  afterEach(() => disconnectAll());

  it(`numbers ${TOTAL} concurrent sends from both instances 1..${TOTAL}, no gaps, no duplicates`, async () => {
    const owner = await aChatClient(a);
    const room = await createRoom(owner.socket, 'busy');
    const senders: ChatClient[] = [];
    for (const instance of [a, b]) {
      for (let i = 0; i < SENDERS_PER_INSTANCE; i += 1) {
        const sender = await aChatClient(instance);
        await call(owner.socket, 'room:invite', { room, userId: sender.user.id });
        senders.push(sender);
      }
    }
    // A listener on instance B hears every message once, whichever instance stored it.
    const listener = recordEvents<WireMessage>(senders[senders.length - 1]!.socket, 'message:new');

    const acks = await Promise.all(
      senders.flatMap((sender, s) =>
        // A longer ack timeout than request()'s: the whole burst queues on one room.
        Array.from(
          { length: SENDS_PER_SENDER },
          (_, i) => sender.socket.timeout(20_000).emitWithAck('message:send', { room, text: `${s}-${i}` }) as Promise<AckResponse>,
        ),
      ),
    );
    expect(acks.filter((ack) => !ack.ok)).toEqual([]);
    const ackedSeqs = acks.map((ack) => (ack as unknown as { message: WireMessage }).message.seq).sort((x, y) => x - y);
    const expected = Array.from({ length: TOTAL }, (_, i) => i + 1);
    expect(ackedSeqs).toEqual(expected);

    const stored = await MessageModel.find({ room }).sort({ seq: 1 }).lean();
    expect(stored.map((message) => message.seq)).toEqual(expected);
    const synced = await syncAll(owner.socket, room, 0, 7);
    expect(synced.map((message) => message.seq)).toEqual(expected);
    expect(new Set(synced.map((message) => message.text)).size).toBe(TOTAL);
    expect((await listener.count(TOTAL, 10_000)).map((message) => message.seq).sort((x, y) => x - y)).toEqual(expected);
  });

  it("numbers one connection's sends in the order it sent them, though it does not wait for the acks", async () => {
    const alice = await aChatClient(a);
    const room = await createRoom(alice.socket, 'ordered');
    const texts = Array.from({ length: 12 }, (_, i) => `in order ${i}`);
    const acks = await Promise.all(texts.map((text) => call<{ message: WireMessage }>(alice.socket, 'message:send', { room, text })));
    expect(acks.map((ack) => [ack.message.text, ack.message.seq])).toEqual(texts.map((text, i) => [text, i + 1]));
  });

  it('numbers each room on its own', async () => {
    const alice = await aChatClient(a);
    const bob = await aChatClient(b);
    const first = await createRoom(alice.socket, 'one');
    const second = await createRoom(bob.socket, 'two');
    const sent = await Promise.all([
      ...[1, 2, 3].map(() => call<{ message: WireMessage }>(alice.socket, 'message:send', { room: first, text: 'x' })),
      ...[1, 2].map(() => call<{ message: WireMessage }>(bob.socket, 'message:send', { room: second, text: 'y' })),
    ]);
    const seqs = (room: string) =>
      sent
        .map((ack) => ack.message)
        .filter((message) => message.room === room)
        .map((message) => message.seq)
        .sort();
    expect(seqs(first)).toEqual([1, 2, 3]);
    expect(seqs(second)).toEqual([1, 2]);
  });
});
