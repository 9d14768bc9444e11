import { aChatClient, anotherTab, call, createRoom, join, send, usersInRoom } from '../fixtures/chat';
import { JOIN_RATE_LIMIT, MANAGE_RATE_LIMIT, ROOMS_PER_USER_MAX, TYPING_RATE_LIMIT } from '../../src/chat/chat.constants';
import { CONNECTIONS_PER_USER_MAX } from '../../src/realtime/realtime.constants';
import { client, connectAs, recordEvents, request, tryConnect, waitForEvent } from '../support/sockets';
import { useTestApp } from '../support/suite';

const rateLimited = { ok: false, error: { code: 'rate_limited', retryAfterSeconds: expect.any(Number) } };

describe('chat limits', () => {
  const t = useTestApp({ env: { CHAT_RATE_LIMIT_POINTS: '3', CHAT_RATE_LIMIT_WINDOW_SECONDS: '60' }, sockets: true });

  it('refuses message:send beyond the per-user budget with rate_limited, on every socket of that user', async () => {
    const [alice, bob] = await usersInRoom(t, 'general', 2);
    for (let i = 0; i < 3; i += 1) await send(alice.socket, 'general', `message ${i}`);
    const ack = await request(alice.socket, 'message:send', { room: 'general', text: 'one too many' });
    expect(ack).toEqual({ ok: false, error: { code: 'rate_limited', message: expect.any(String), retryAfterSeconds: expect.any(Number) } });

    // Reconnecting or opening another tab does not buy a fresh budget: it belongs to the user.
    const tab2 = await anotherTab(t, alice);
    await join(tab2.socket, 'general');
    expect(await request(tab2.socket, 'message:send', { room: 'general', text: 'from the other tab' })).toMatchObject(rateLimited);
    // Other users keep their own.
    await expect(send(bob.socket, 'general', 'bob is fine')).resolves.toMatchObject({ id: expect.any(String) });
  });

  it('counts edits and deletes against the message budget: they reach the whole room too', async () => {
    const alice = await aChatClient(t);
    await join(alice.socket, 'general');
    await send(alice.socket, 'general', 'one');
    expect(await request(alice.socket, 'message:edit', { room: 'general', seq: 1, text: 'two' })).toMatchObject({ ok: true });
    expect(await request(alice.socket, 'message:delete', { room: 'general', seq: 1 })).toMatchObject({ ok: true });
    expect(await request(alice.socket, 'message:edit', { room: 'general', seq: 1, text: 'three' })).toMatchObject(rateLimited);
    expect(await request(alice.socket, 'message:delete', { room: 'general', seq: 1 })).toMatchObject(rateLimited);
  });

  it(`refuses invites, removals and renames beyond ${MANAGE_RATE_LIMIT.points} per user and window with rate_limited`, async () => {
    const alice = await aChatClient(t);
    const room = await createRoom(alice.socket, 'mine');
    for (let i = 0; i < MANAGE_RATE_LIMIT.points; i += 1) await call(alice.socket, 'room:update', { room, name: `name ${i}` });
    expect(await request(alice.socket, 'room:update', { room, name: 'one more' })).toMatchObject(rateLimited);
    expect(await request(alice.socket, 'room:invite', { room, userId: alice.user.id })).toMatchObject(rateLimited);
  });

  it(`relays at most ${TYPING_RATE_LIMIT.points} typing events per user and window, then drops them`, async () => {
    const [alice, bob] = await usersInRoom(t, 'general', 2);
    const bobSees = recordEvents(bob.socket, 'typing');
    for (let i = 0; i < TYPING_RATE_LIMIT.points; i += 1) {
      expect(await request(alice.socket, 'typing', { room: 'general' })).toEqual({ ok: true });
    }
    // A client that asks for an ack learns why; one that does not is dropped silently.
    expect(await request(alice.socket, 'typing', { room: 'general' })).toMatchObject(rateLimited);
    const tab2 = await anotherTab(t, alice);
    await join(tab2.socket, 'general');
    tab2.socket.emit('typing', { room: 'general' });

    // Barrier: the message is relayed after the typing above would have been, on the same path to Bob.
    const bobHears = waitForEvent(bob.socket, 'message:new');
    await send(tab2.socket, 'general', 'done typing');
    await bobHears;
    expect(bobSees.events).toHaveLength(TYPING_RATE_LIMIT.points);
  });

  it(`refuses room:join beyond ${JOIN_RATE_LIMIT.points} per user and window with rate_limited`, async () => {
    const alice = await aChatClient(t);
    for (let i = 0; i < JOIN_RATE_LIMIT.points; i += 1) await join(alice.socket, 'general');
    expect(await request(alice.socket, 'room:join', { room: 'general' })).toMatchObject(rateLimited);
    const tab2 = await anotherTab(t, alice);
    expect(await request(tab2.socket, 'room:join', { room: 'general' })).toMatchObject(rateLimited);
  });

  it(`refuses to make one user a member of more than ${ROOMS_PER_USER_MAX} rooms with too_many_rooms`, async () => {
    const alice = await aChatClient(t);
    for (let i = 0; i < ROOMS_PER_USER_MAX; i += 1) await join(alice.socket, `room-${i}`);
    expect(await request(alice.socket, 'room:join', { room: 'one-more' })).toEqual({
      ok: false,
      error: { code: 'too_many_rooms', message: expect.any(String) },
    });
    // Rejoining a room it is in is no new room; leaving one makes space.
    await join(alice.socket, 'room-0');
    await request(alice.socket, 'room:leave', { room: 'room-0' });
    await expect(join(alice.socket, 'one-more')).resolves.toMatchObject({ room: 'one-more' });
    // The cap is per user now that membership is stored: another tab is the same member, in the
    // same rooms, and is refused a new one too.
    const tab2 = await anotherTab(t, alice);
    await expect(join(tab2.socket, 'one-more')).resolves.toMatchObject({ room: 'one-more' });
    expect(await request(tab2.socket, 'room:join', { room: 'and-another' })).toMatchObject({
      ok: false,
      error: { code: 'too_many_rooms' },
    });
  });

  it(`refuses a user's connection beyond ${CONNECTIONS_PER_USER_MAX} with too_many_connections, and only that user's`, async () => {
    const alice = await aChatClient(t);
    for (let open = 1; open < CONNECTIONS_PER_USER_MAX; open += 1) await connectAs(t.url, alice.user.accessToken);
    const refused = await tryConnect(client(t.url, { auth: { token: alice.user.accessToken } }));
    expect(refused).toEqual({ connected: false, message: 'too_many_connections', code: 'too_many_connections' });
    await expect(aChatClient(t)).resolves.toMatchObject({ socket: expect.objectContaining({ connected: true }) });
  });

  it('accepts the largest valid message within maxHttpBufferSize', async () => {
    const alice = await aChatClient(t);
    const room = `r${'x'.repeat(63)}`;
    await join(alice.socket, room);
    // Control characters travel as \u0001 in JSON: six bytes each, the worst case per character.
    const text = `a${'\u0001'.repeat(1998)}z`;
    const ack = await request(alice.socket, 'message:send', { room, text, clientMsgId: 'c'.repeat(64) });
    expect(ack).toMatchObject({ ok: true, message: { text } });
  });

  it('disconnects only the client that sends a payload above maxHttpBufferSize', async () => {
    const mallory = await aChatClient(t);
    const [alice, bob] = await usersInRoom(t, 'general', 2);
    const gone = waitForEvent<string>(mallory.socket, 'disconnect');
    mallory.socket.emit('message:send', { room: 'general', text: 'x'.repeat(1_000_000) });
    expect(await gone).toBe('transport close');

    const bobHears = waitForEvent<{ text: string }>(bob.socket, 'message:new');
    await send(alice.socket, 'general', 'unaffected');
    expect((await bobHears).text).toBe('unaffected');
  });
});
