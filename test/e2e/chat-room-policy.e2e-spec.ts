import { aChatClient, anotherTab, call, createRoom, join, send } from '../fixtures/chat';
import { recordEvents, request, waitForEvent, waitForMatch } from '../support/sockets';
import { useTestApp } from '../support/suite';

type Presence = { room: string; members: { id: string }[] };
const refused = (code: string) => ({ ok: false, error: { code, message: expect.any(String) } });
const NEVER_USED = `prv:${'0'.repeat(24)}`;

/** Every event that names a room, with a valid payload for `room`. */
const roomEvents = (room: string, userId: string): [string, object][] => [
  ['room:join', { room }],
  ['room:leave', { room }],
  ['message:send', { room, text: 'hello?' }],
  ['message:history', { room }],
  ['message:sync', { room, afterSeq: 0 }],
  ['message:edit', { room, seq: 1, text: 'changed' }],
  ['message:delete', { room, seq: 1 }],
  ['room:read', { room, seq: 1 }],
  ['typing', { room }],
  ['room:invite', { room, userId }],
  ['room:remove', { room, userId }],
  ['room:update', { room, name: 'mine now' }],
  ['room:delete', { room }],
];

describe('chat rooms: the room policy over sockets', () => {
  const t = useTestApp({ sockets: true });

  it('answers a non-member every event on a private room exactly as on a room that does not exist', async () => {
    const owner = await aChatClient(t);
    const mallory = await aChatClient(t);
    const room = await createRoom(owner.socket, 'secret plans');
    await send(owner.socket, room, 'the plan');
    for (const [event, payload] of roomEvents(room, mallory.user.id)) {
      const real = await request(mallory.socket, event, payload);
      const [, nowhere] = roomEvents(NEVER_USED, mallory.user.id).find(([name]) => name === event)!;
      expect({ event, answer: real }).toEqual({ event, answer: await request(mallory.socket, event, nowhere) });
      expect({ event, answer: real }).toEqual({ event, answer: refused('room_not_found') });
    }
    // And nothing changed: the room, its message and its one member are as they were.
    expect((await call<{ messages: { text: string }[] }>(owner.socket, 'message:history', { room })).messages.map((m) => m.text)).toEqual([
      'the plan',
    ]);
    const listed = await call<{ rooms: { id: string }[]; discover: { id: string }[] }>(mallory.socket, 'room:list', {});
    expect([...listed.rooms, ...listed.discover].map((r) => r.id)).not.toContain(room);
  });

  it('lets the owner invite by user id: the invitee is told, may read and send; others still may not', async () => {
    const owner = await aChatClient(t);
    const bob = await aChatClient(t);
    const carol = await aChatClient(t);
    const room = await createRoom(owner.socket, 'team');
    const added = waitForEvent<{ room: string; info: { name: string; kind: string } }>(bob.socket, 'room:added');
    expect(await request(owner.socket, 'room:invite', { room, userId: bob.user.id })).toEqual({ ok: true, room, userId: bob.user.id });
    expect(await added).toMatchObject({ room, info: { name: 'team', kind: 'private' } });
    // Bob's connection was subscribed by the invite: he hears the room without joining.
    const heard = waitForEvent<{ text: string }>(bob.socket, 'message:new');
    await send(owner.socket, room, 'welcome');
    expect((await heard).text).toBe('welcome');
    await expect(send(bob.socket, room, 'thanks')).resolves.toMatchObject({ seq: 2 });
    expect(await request(bob.socket, 'room:invite', { room, userId: carol.user.id })).toEqual(refused('not_owner'));
    expect(await request(carol.socket, 'message:send', { room, text: 'me too' })).toEqual(refused('room_not_found'));
    expect(await request(owner.socket, 'room:invite', { room, userId: 'f'.repeat(24) })).toEqual(refused('user_not_found'));
  });

  it('removes a member at once: every tab is told and hears nothing more from the room', async () => {
    const owner = await aChatClient(t);
    const bob = await aChatClient(t);
    const bobTab2 = await anotherTab(t, bob);
    const room = await createRoom(owner.socket, 'team');
    await call(owner.socket, 'room:invite', { room, userId: bob.user.id });
    await join(bob.socket, 'lobby');
    await join(owner.socket, 'lobby');
    const heard = [bob.socket, bobTab2.socket].map((socket) => recordEvents<{ room: string; text: string }>(socket, 'message:new'));
    const told = [bob.socket, bobTab2.socket].map((socket) => waitForEvent(socket, 'room:removed'));

    expect(await request(bob.socket, 'room:remove', { room, userId: owner.user.id })).toEqual(refused('not_owner'));
    expect(await request(owner.socket, 'room:remove', { room, userId: bob.user.id })).toEqual({ ok: true, room, userId: bob.user.id });
    expect(await Promise.all(told)).toEqual([
      { room, reason: 'removed' },
      { room, reason: 'removed' },
    ]);
    await send(owner.socket, room, 'after bob left');
    // Barrier: a later message in a room Bob is still in reaches both tabs after the one above would have.
    await send(owner.socket, 'lobby', 'barrier');
    for (const tab of heard) {
      await tab.count(1);
      expect(tab.events.map((m) => m.text)).toEqual(['barrier']);
    }
    expect(await request(bob.socket, 'message:sync', { room, afterSeq: 0 })).toEqual(refused('room_not_found'));
    expect(await request(owner.socket, 'room:leave', { room })).toEqual(refused('owner_cannot_leave'));
  });

  it('lets a member leave a private room, after which it is hidden from them', async () => {
    const owner = await aChatClient(t);
    const bob = await aChatClient(t);
    const room = await createRoom(owner.socket, 'team');
    await call(owner.socket, 'room:invite', { room, userId: bob.user.id });
    expect(await request(bob.socket, 'room:leave', { room })).toEqual({ ok: true, room });
    expect(await request(bob.socket, 'room:join', { room })).toEqual(refused('room_not_found'));
  });

  it('lets only the owner rename and delete; members are told', async () => {
    const owner = await aChatClient(t);
    const bob = await aChatClient(t);
    const room = await createRoom(owner.socket, 'team');
    await call(owner.socket, 'room:invite', { room, userId: bob.user.id });
    expect(await request(bob.socket, 'room:update', { room, name: 'bobs' })).toEqual(refused('not_owner'));
    expect(await request(bob.socket, 'room:delete', { room })).toEqual(refused('not_owner'));

    const renamed = waitForEvent(bob.socket, 'room:updated');
    const ack = await call<{ info: { name: string } }>(owner.socket, 'room:update', { room, name: '  The Team  ' });
    expect(ack.info).toMatchObject({ id: room, name: 'The Team' });
    expect(await renamed).toEqual({ room, info: ack.info });

    const deleted = waitForEvent(bob.socket, 'room:removed');
    expect(await request(owner.socket, 'room:delete', { room })).toEqual({ ok: true, room });
    expect(await deleted).toEqual({ room, reason: 'deleted' });
    expect(await request(owner.socket, 'message:send', { room, text: 'anyone?' })).toEqual(refused('room_not_found'));
    expect(await request(bob.socket, 'room:join', { room })).toEqual(refused('room_not_found'));
  });

  it('lists public rooms to everyone and lets anyone join them; a taken address is room_exists', async () => {
    const owner = await aChatClient(t);
    const bob = await aChatClient(t);
    const created = await call<{ room: string; info: object }>(owner.socket, 'room:create', { name: 'announcements', kind: 'public' });
    expect(created).toMatchObject({ room: 'announcements', info: { id: 'announcements', kind: 'public', ownerId: owner.user.id } });
    expect(await request(bob.socket, 'room:create', { name: 'announcements', kind: 'public' })).toEqual(refused('room_exists'));
    expect(await request(bob.socket, 'room:create', { name: 'Not An Address', kind: 'public' })).toMatchObject(refused('invalid_payload'));
    expect(await request(bob.socket, 'room:create', { name: 'dm', kind: 'direct' })).toMatchObject(refused('invalid_payload'));
    const listed = await call<{ discover: { id: string }[] }>(bob.socket, 'room:list', {});
    expect(listed.discover.map((room) => room.id)).toContain('announcements');
    expect(await request(bob.socket, 'message:send', { room: 'announcements', text: 'hi' })).toEqual(refused('not_member'));
    await join(bob.socket, 'announcements');
    await expect(send(bob.socket, 'announcements', 'hi')).resolves.toMatchObject({ seq: 1 });
    expect(await request(bob.socket, 'room:update', { room: 'announcements', name: 'mine' })).toEqual(refused('not_owner'));
    // A room auto-created by a join (today's clients) belongs to nobody.
    await join(bob.socket, 'general');
    expect(await request(bob.socket, 'room:delete', { room: 'general' })).toEqual(refused('not_owner'));
  });

  it('opens one direct room per pair, from either side and concurrently; it is hidden from others and cannot be left', async () => {
    const alice = await aChatClient(t);
    const bob = await aChatClient(t);
    const mallory = await aChatClient(t);
    const opened = await Promise.all([
      call<{ room: string }>(alice.socket, 'dm:open', { userId: bob.user.id }),
      call<{ room: string }>(bob.socket, 'dm:open', { userId: alice.user.id }),
      call<{ room: string }>(alice.socket, 'dm:open', { userId: bob.user.id }),
      call<{ room: string }>(bob.socket, 'dm:open', { userId: alice.user.id }),
    ]);
    const room = opened[0]!.room;
    expect(room).toMatch(/^dm:[a-f0-9]{24}$/);
    expect(opened.map((ack) => ack.room)).toEqual([room, room, room, room]);
    expect(opened[0]).toMatchObject({
      peer: { id: bob.user.id, displayName: bob.user.displayName },
      info: { kind: 'direct', ownerId: null },
    });

    const heard = waitForEvent<{ text: string }>(bob.socket, 'message:new');
    await send(alice.socket, room, 'psst');
    expect((await heard).text).toBe('psst');
    expect(await request(mallory.socket, 'message:sync', { room, afterSeq: 0 })).toEqual(refused('room_not_found'));
    expect(await request(mallory.socket, 'room:join', { room })).toEqual(refused('room_not_found'));
    expect(await request(alice.socket, 'room:leave', { room })).toEqual(refused('direct_room_fixed'));
    expect(await request(alice.socket, 'room:invite', { room, userId: mallory.user.id })).toEqual(refused('direct_room_fixed'));
    expect(await request(alice.socket, 'dm:open', { userId: alice.user.id })).toEqual(refused('cannot_dm_self'));
    expect(await request(alice.socket, 'dm:open', { userId: 'f'.repeat(24) })).toEqual(refused('user_not_found'));
    const list = await call<{ rooms: { id: string; peer?: { id: string } }[] }>(bob.socket, 'room:list', {});
    expect(list.rooms.find((r) => r.id === room)).toMatchObject({ peer: { id: alice.user.id } });
  });

  it('keeps membership across reconnects: a new connection hears its rooms without joining, and is announced', async () => {
    const alice = await aChatClient(t);
    const bob = await aChatClient(t);
    await join(alice.socket, 'general');
    await join(bob.socket, 'general');
    const gone = waitForMatch<Presence>(bob.socket, 'presence', (p) => !p.members.some((m) => m.id === alice.user.id));
    alice.socket.disconnect();
    await gone;
    // Presence still means "members with a live connection": her return is announced.
    const back = waitForMatch<Presence>(bob.socket, 'presence', (p) => p.members.some((m) => m.id === alice.user.id));
    const again = await anotherTab(t, alice);
    expect((await back).room).toBe('general');
    const heard = waitForEvent<{ text: string }>(again.socket, 'message:new');
    await send(bob.socket, 'general', 'still a member?');
    expect((await heard).text).toBe('still a member?');
  });
});
