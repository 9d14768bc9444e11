import { randomBytes, randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { RevocationEvents } from '../../src/security/revocation-events';
import { aChatClient, join, send } from '../fixtures/chat';
import { disconnectAll, request, waitForEvent, waitForMatch } from '../support/sockets';
import { startTestApp, type TestApp } from '../support/test-app';

const REDIS_URL = 'redis://127.0.0.1:6379';

type Presence = { room: string; members: { id: string }[] };

/**
 * Two app instances in one process, sharing Redis (socket.io adapter), the database and the JWT
 * secret, as two replicas behind a load balancer would. Fails, never skips, without Redis.
 */
describe('chat across two instances (Redis adapter)', () => {
  let a: TestApp;
  let b: TestApp;
  // Other test runs may share this Redis: a fresh room name keeps their sockets out of our presence.
  const room = `r-${randomUUID()}`;

  beforeAll(async () => {
    const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    await probe.connect().catch((error: unknown) => {
      throw new Error(`Redis is required at ${REDIS_URL} for this test: ${String(error)}`);
    });
    await probe.quit();
    const env = { REDIS_URL, JWT_SECRET: randomBytes(48).toString('base64') };
    a = await startTestApp(env);
    b = await startTestApp(env, { shareDatabaseWith: a });
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

    // Membership is that of the user's own sockets: leaving on A ends it on B.
    await request(alice.socket, 'room:leave', { room });
    await b.http.get(path).set('Authorization', `Bearer ${alice.user.accessToken}`).expect(403);
  });

  it('disconnects a revoked user on the other instance', async () => {
    const alice = await aChatClient(a);
    const gone = waitForEvent<string>(alice.socket, 'disconnect');
    // Announced on instance B, it must reach Alice's socket on A through the adapter.
    b.app.container.get(RevocationEvents).emit('userRevoked', alice.user.id);
    expect(await gone).toBe('io server disconnect');
  });
});
