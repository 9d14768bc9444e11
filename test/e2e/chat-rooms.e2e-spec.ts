import { aChatClient, anotherTab, join, send, usersInRoom } from '../fixtures/chat';
import { recordEvents, request, waitForEvent, waitForMatch } from '../support/sockets';
import { useTestApp } from '../support/suite';

type Presence = { room: string; members: { id: string; displayName: string }[] };
const ids = (presence: Presence) => presence.members.map((member) => member.id).sort();

describe('chat rooms: join, presence, typing', () => {
  const t = useTestApp({ sockets: true });

  it('acks room:join with the room and its members, and tells the room', async () => {
    const alice = await aChatClient(t);
    const bob = await aChatClient(t);
    await join(alice.socket, 'general');
    const alicePresence = waitForEvent<Presence>(alice.socket, 'presence');
    const ack = await join(bob.socket, 'general');
    expect(ack.room).toBe('general');
    expect(ack.members).toEqual(
      expect.arrayContaining([
        { id: alice.user.id, displayName: alice.user.displayName },
        { id: bob.user.id, displayName: bob.user.displayName },
      ]),
    );
    expect(ids(await alicePresence)).toEqual([alice.user.id, bob.user.id].sort());
  });

  it('keeps a user with two tabs present until the last tab leaves', async () => {
    const alice = await aChatClient(t);
    const aliceTab2 = await anotherTab(t, alice);
    const bob = await aChatClient(t);
    // Bob hears one presence per change; counting them keeps the changes apart.
    const seenByBob = recordEvents<Presence>(bob.socket, 'presence');
    await join(bob.socket, 'general');
    await join(alice.socket, 'general');
    const ack = await join(aliceTab2.socket, 'general');
    // Two sockets, one member.
    expect(ids(ack as unknown as Presence)).toEqual([alice.user.id, bob.user.id].sort());
    await seenByBob.count(3);

    alice.socket.disconnect();
    const [, , , afterFirstTab] = await seenByBob.count(4);
    expect(ids(afterFirstTab!)).toEqual([alice.user.id, bob.user.id].sort());

    expect(await request(aliceTab2.socket, 'room:leave', { room: 'general' })).toEqual({ ok: true, room: 'general' });
    const [, , , , afterLastTab] = await seenByBob.count(5);
    expect(ids(afterLastTab!)).toEqual([bob.user.id]);
  });

  it('updates presence when a socket disconnects', async () => {
    const [alice, bob] = await usersInRoom(t, 'general', 2);
    // Bob's own join may still be announced to Alice; wait for the announcement without him.
    const update = waitForMatch<Presence>(alice.socket, 'presence', (presence) => presence.members.length === 1);
    bob.socket.disconnect();
    expect(await update).toEqual({ room: 'general', members: [{ id: alice.user.id, displayName: alice.user.displayName }] });
  });

  it('relays typing to the others in the room only', async () => {
    const alice = await aChatClient(t);
    const bob = await aChatClient(t);
    const carol = await aChatClient(t);
    await join(alice.socket, 'general');
    await join(bob.socket, 'general');
    await join(carol.socket, 'random');
    const carolHears = recordEvents(carol.socket, 'typing');
    const aliceHears = recordEvents(alice.socket, 'typing');
    const bobHears = waitForEvent(bob.socket, 'typing');
    alice.socket.emit('typing', { room: 'general' });
    expect(await bobHears).toEqual({ room: 'general', user: { id: alice.user.id, displayName: alice.user.displayName } });

    // Barriers instead of waits: socket.io delivers a socket's events in order, so anything sent to
    // Alice or Carol for her typing would arrive before these later events.
    const aliceHearsBob = waitForEvent(alice.socket, 'typing');
    bob.socket.emit('typing', { room: 'general' });
    expect(await aliceHearsBob).toMatchObject({ user: { id: bob.user.id } });
    expect(aliceHears.events).toHaveLength(1);
    const carolSeesBob = waitForMatch<Presence>(carol.socket, 'presence', (presence) => presence.members.length === 2);
    await join(bob.socket, 'random');
    await carolSeesBob;
    expect(carolHears.events).toEqual([]);
  });

  it('refuses typing, sending and history in a room the socket has not joined with not_member', async () => {
    const alice = await aChatClient(t);
    const bob = await aChatClient(t);
    await join(bob.socket, 'general');
    const notMember = { ok: false, error: { code: 'not_member', message: expect.any(String) } };
    const bobHearsMessages = recordEvents<{ id: string }>(bob.socket, 'message:new');
    const bobHearsTyping = recordEvents(bob.socket, 'typing');
    expect(await request(alice.socket, 'typing', { room: 'general' })).toEqual(notMember);
    expect(await request(alice.socket, 'message:send', { room: 'general', text: 'hi' })).toEqual(notMember);
    expect(await request(alice.socket, 'message:history', { room: 'general' })).toEqual(notMember);
    // Barrier: Bob's own message is broadcast after anything Alice's refused events could have sent.
    const own = await send(bob.socket, 'general', 'barrier');
    await bobHearsMessages.count(1);
    expect(bobHearsMessages.events.map((message) => message.id)).toEqual([own.id]);
    expect(bobHearsTyping.events).toEqual([]);
  });

  it('announces nothing to a room that a socket not in it "leaves"', async () => {
    const alice = await aChatClient(t);
    const bob = await aChatClient(t);
    const carol = await aChatClient(t);
    await join(bob.socket, 'general');
    const seenByBob = recordEvents<Presence>(bob.socket, 'presence');
    expect(await request(alice.socket, 'room:leave', { room: 'general' })).toEqual({ ok: true, room: 'general' });
    // Barrier: Carol's join is announced to Bob after anything Alice's leave could have sent.
    await join(carol.socket, 'general');
    const [first] = await seenByBob.count(1);
    expect(ids(first!)).toEqual([bob.user.id, carol.user.id].sort());
  });

  it('makes leaving a room end membership', async () => {
    const alice = await aChatClient(t);
    await join(alice.socket, 'general');
    await request(alice.socket, 'room:leave', { room: 'general' });
    const ack = await request(alice.socket, 'message:send', { room: 'general', text: 'still here?' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'not_member' } });
  });
});
