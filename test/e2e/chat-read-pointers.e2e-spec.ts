import { aChatClient, anotherTab, call, createRoom, send } from '../fixtures/chat';
import { recordEvents, request, waitForEvent } from '../support/sockets';
import { useTestApp } from '../support/suite';

type MyRoom = { id: string; unread: number; lastReadSeq: number; lastSeq: number; lastMessage: { seq: number; text?: string } | null };
type ReadState = { room: string; lastReadSeq: number; unread: number };

const listed = async (socket: Parameters<typeof call>[0], room: string) =>
  (await call<{ rooms: MyRoom[] }>(socket, 'room:list', {})).rooms.find((entry) => entry.id === room);

describe('chat read pointers and unread counts', () => {
  const t = useTestApp({ sockets: true });

  it("counts others' messages after the pointer, the same in both tabs; reading in one tab tells the other", async () => {
    const alice = await aChatClient(t);
    const aliceTab2 = await anotherTab(t, alice);
    const bob = await aChatClient(t);
    const room = await createRoom(alice.socket, 'team');
    await call(alice.socket, 'room:invite', { room, userId: bob.user.id });
    await send(alice.socket, room, 'mine: never unread for me');
    for (const text of ['b1', 'b2', 'b3']) await send(bob.socket, room, text);

    for (const tab of [alice.socket, aliceTab2.socket]) {
      expect(await listed(tab, room)).toMatchObject({ unread: 3, lastReadSeq: 0, lastSeq: 4, lastMessage: { seq: 4, text: 'b3' } });
    }
    const told = waitForEvent<ReadState>(aliceTab2.socket, 'room:read');
    expect(await request(alice.socket, 'room:read', { room, seq: 3 })).toEqual({ ok: true, room, lastReadSeq: 3, unread: 1 });
    expect(await told).toEqual({ room, lastReadSeq: 3, unread: 1 });
    expect(await listed(aliceTab2.socket, room)).toMatchObject({ unread: 1, lastReadSeq: 3 });
    expect(await listed(bob.socket, room)).toMatchObject({ unread: 1, lastReadSeq: 0 });
  });

  it('never moves the pointer backwards, caps it at the last seq, and tells nobody when it did not move', async () => {
    const alice = await aChatClient(t);
    const aliceTab2 = await anotherTab(t, alice);
    const bob = await aChatClient(t);
    const room = await createRoom(bob.socket, 'team');
    await call(bob.socket, 'room:invite', { room, userId: alice.user.id });
    for (const text of ['1', '2', '3']) await send(bob.socket, room, text);
    const tab2Told = recordEvents<ReadState>(aliceTab2.socket, 'room:read');
    await call(alice.socket, 'room:read', { room, seq: 2 });
    expect(await request(alice.socket, 'room:read', { room, seq: 1 })).toEqual({ ok: true, room, lastReadSeq: 2, unread: 1 });
    expect(await request(alice.socket, 'room:read', { room, seq: 1_000 })).toEqual({ ok: true, room, lastReadSeq: 3, unread: 0 });
    // Two moves (to 2, then to 3): the refused backwards move announced nothing in between.
    expect((await tab2Told.count(2)).map((state) => state.lastReadSeq)).toEqual([2, 3]);
    await send(bob.socket, room, '4');
    expect(await listed(aliceTab2.socket, room)).toMatchObject({ unread: 1, lastReadSeq: 3 });
  });

  it('sends a read receipt to the other member of a direct room, not in other rooms', async () => {
    const alice = await aChatClient(t);
    const bob = await aChatClient(t);
    const { room } = await call<{ room: string }>(alice.socket, 'dm:open', { userId: bob.user.id });
    await send(alice.socket, room, 'read me');
    const receipt = waitForEvent(alice.socket, 'message:read');
    await call(bob.socket, 'room:read', { room, seq: 1 });
    expect(await receipt).toEqual({ room, userId: bob.user.id, seq: 1 });

    const team = await createRoom(alice.socket, 'team');
    await call(alice.socket, 'room:invite', { room: team, userId: bob.user.id });
    const receipts = recordEvents(alice.socket, 'message:read');
    await send(alice.socket, team, 'no receipts here');
    await call(bob.socket, 'room:read', { room: team, seq: 1 });
    // Barrier: Alice hears Bob's next message after any receipt for the read above.
    const barrier = waitForEvent(alice.socket, 'message:new');
    await send(bob.socket, team, 'barrier');
    await barrier;
    expect(receipts.events).toEqual([]);
  });

  it('does not count tombstones as unread', async () => {
    const alice = await aChatClient(t);
    const bob = await aChatClient(t);
    const room = await createRoom(alice.socket, 'team');
    await call(alice.socket, 'room:invite', { room, userId: bob.user.id });
    await send(bob.socket, room, 'oops');
    await send(bob.socket, room, 'kept');
    await call(bob.socket, 'message:delete', { room, seq: 1 });
    expect(await listed(alice.socket, room)).toMatchObject({ unread: 1 });
  });
});
