import { randomUUID } from 'node:crypto';
import { RevocationEvents } from '../../src/security/revocation-events';
import { aChatClient, call, createRoom, join, send } from '../fixtures/chat';
import { disconnectAll, recordEvents, request, waitForEvent, waitForMatch } from '../support/sockets';
import { startTwoInstances } from '../support/instances';
import type { TestApp } from '../support/test-app';

type Presence = { room: string; members: { id: string }[] };

/** Two app instances in one process, as two replicas behind a load balancer (startTwoInstances). */
describe('chat across two instances (Redis adapter)', () => {
  let a: TestApp;
  let b: TestApp;
  // Other test runs may share this Redis: a fresh room name keeps their sockets out of our presence.
  const room = `r-${randomUUID()}`;

  beforeAll(async () => {
    [a, b] = await startTwoInstances();
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });
  afterEach(() => disconnectAll());

  it('delivers messages, presence and typing from instance A to a client on instance B', async () => {
    const alice = await aChatClient(a);
    const bob = await aChatClient(b);
    expect(a.url).not.toBe(b.url);
    await join(alice.socket, room);
    const aliceSeesBob = waitForMatch<Presence>(alice.socket, 'presence', (presence) => presence.members.length === 2);
    const bobJoined = await join(bob.socket, room);
    const both = [alice.user.id, bob.user.id].sort();
    expect((bobJoined.members as { id: string }[]).map((member) => member.id).sort()).toEqual(both);
    expect((await aliceSeesBob).members.map((member) => member.id).sort()).toEqual(both);

    const bobSeesTyping = waitForEvent<{ user: { id: string } }>(bob.socket, 'typing');
    alice.socket.emit('typing', { room });
    expect((await bobSeesTyping).user.id).toBe(alice.user.id);

    const bobHears = waitForEvent<{ id: string; text: string }>(bob.socket, 'message:new');
    const sent = await send(alice.socket, room, 'across instances');
    expect(await bobHears).toMatchObject({ id: sent.id, text: 'across instances' });
  });

  it('serves REST history on instance B to a user whose socket is in the room on instance A', async () => {
    const alice = await aChatClient(a);
    await join(alice.socket, room);
    await send(alice.socket, room, 'seen from B');
    const path = `/rooms/${room}/messages?limit=1`;
    const res = await b.http.get(path).set('Authorization', `Bearer ${alice.user.accessToken}`).expect(200);
    expect(res.body.messages).toEqual([expect.objectContaining({ text: 'seen from B' })]);

    // Membership is stored: leaving on A ends it on B.
    await request(alice.socket, 'room:leave', { room });
    await b.http.get(path).set('Authorization', `Bearer ${alice.user.accessToken}`).expect(403);
  });

  it("subscribes an invited member's sockets on the other instance, and unsubscribes them there at once on removal", async () => {
    const owner = await aChatClient(a);
    const bob = await aChatClient(b);
    const team = await createRoom(owner.socket, 'team');
    const added = waitForEvent(bob.socket, 'room:added');
    await call(owner.socket, 'room:invite', { room: team, userId: bob.user.id });
    await added;
    const heard = recordEvents<{ room: string; text: string }>(bob.socket, 'message:new');
    await send(owner.socket, team, 'welcome');
    await heard.count(1);

    const removed = waitForEvent(bob.socket, 'room:removed');
    await call(owner.socket, 'room:remove', { room: team, userId: bob.user.id });
    expect(await removed).toEqual({ room: team, reason: 'removed' });
    await send(owner.socket, team, 'not for bob');
    // Barrier: a message in a room Bob is still in, sent later from the same instance.
    await join(bob.socket, room);
    await join(owner.socket, room);
    await send(owner.socket, room, 'barrier');
    await heard.count(2);
    expect(heard.events.map((message) => message.text)).toEqual(['welcome', 'barrier']);
  });

  it('disconnects a revoked user on the other instance', async () => {
    const alice = await aChatClient(a);
    const gone = waitForEvent<string>(alice.socket, 'disconnect');
    // Announced on instance B, it must reach Alice's socket on A through the adapter.
    b.app.container.get(RevocationEvents).emit('userRevoked', alice.user.id);
    expect(await gone).toBe('io server disconnect');
  });
});
