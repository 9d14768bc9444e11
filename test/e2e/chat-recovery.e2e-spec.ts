import type { Socket } from 'socket.io-client';
import { aChatClient, call, createRoom, send, syncAll, type WireMessage } from '../fixtures/chat';
import { registerAndLogin } from '../fixtures/users';
import { client, recordEvents, request, tryConnect, waitForEvent } from '../support/sockets';
import { useTestApp } from '../support/suite';

type ListAck = { rooms: { id: string; lastSeq: number; unread: number }[] };

describe('chat recovery after a reconnect: message:sync with a fresh token', () => {
  const t = useTestApp({ sockets: true });

  it('recovers exactly the messages sent while away, no duplicates, no gaps, with the token the auth callback gives now', async () => {
    const alice = await aChatClient(t);
    // Bob logs in twice: the first session's token opens the socket, and is revoked while he is away.
    const bob = await registerAndLogin(t.http);
    const second = await t.http.post('/auth/login').send({ email: bob.email, password: bob.password }).expect(200);
    let currentToken = bob.accessToken;
    // The protocol doc's pattern: auth as a callback, asked again on every (re)connection.
    const socket: Socket = client(t.url, { auth: (cb: (data: object) => void) => cb({ token: currentToken }) });
    expect(await tryConnect(socket)).toEqual({ connected: true });

    const room = await createRoom(alice.socket, 'team');
    await call(alice.socket, 'room:invite', { room, userId: bob.id });
    const live = recordEvents<WireMessage>(socket, 'message:new');
    for (const text of ['one', 'two']) await send(alice.socket, room, text);
    await live.count(2);
    // The client's state: the highest seq applied per room.
    const applied = new Map<number, WireMessage>(live.events.map((message) => [message.seq, message]));
    const lastSeq = Math.max(...applied.keys());

    // The network drops: the transport closes under the client.
    const dropped = waitForEvent<string>(socket, 'disconnect');
    socket.io.engine.close();
    expect(await dropped).toBe('forced close');
    const missed = [];
    for (const text of ['three', 'four', 'five', 'six', 'seven']) missed.push(await send(alice.socket, room, text));
    await t.http.post('/auth/logout').send({ refreshToken: bob.refreshToken }).expect(204);

    // The old token no longer opens a socket; the callback hands over the fresh one.
    currentToken = second.body.accessToken as string;
    const authenticated = waitForEvent(socket, 'authenticated');
    expect(await tryConnect(socket)).toEqual({ connected: true });
    await authenticated;
    const { rooms } = await call<ListAck>(socket, 'room:list', {});
    expect(rooms.find((listed) => listed.id === room)).toMatchObject({ lastSeq: 7, unread: 7 });
    // Two per page, to walk the paging as well.
    const recovered = await syncAll(socket, room, lastSeq, 2);
    expect(recovered.map((message) => message.text)).toEqual(['three', 'four', 'five', 'six', 'seven']);
    expect(recovered.map((message) => message.id)).toEqual(missed.map((message) => message.id));
    expect(recovered.map((message) => message.seq)).toEqual([3, 4, 5, 6, 7]);
    for (const message of recovered) applied.set(message.seq, message);
    expect([...applied.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);

    // And the live stream continues on the same connection right after the sync.
    const next = waitForEvent<WireMessage>(socket, 'message:new');
    await send(alice.socket, room, 'eight');
    expect(await next).toMatchObject({ seq: 8, text: 'eight' });
  });

  it('refuses the reconnect when the auth callback still hands over the revoked token', async () => {
    const bob = await registerAndLogin(t.http);
    const socket = client(t.url, { auth: (cb: (data: object) => void) => cb({ token: bob.accessToken }) });
    expect(await tryConnect(socket)).toEqual({ connected: true });
    socket.disconnect();
    await t.http.post('/auth/logout').send({ refreshToken: bob.refreshToken }).expect(204);
    expect(await tryConnect(socket)).toMatchObject({ connected: false, code: 'token_revoked' });
  });

  it('pages message:sync with hasMore and nextAfterSeq, and refuses bad input', async () => {
    const alice = await aChatClient(t);
    const room = await createRoom(alice.socket, 'paged');
    for (let i = 1; i <= 5; i += 1) await send(alice.socket, room, `m${i}`);
    expect(await request(alice.socket, 'message:sync', { room, afterSeq: 1, limit: 3 })).toMatchObject({
      ok: true,
      room,
      hasMore: true,
      nextAfterSeq: 4,
      lastSeq: 5,
      messages: [{ seq: 2 }, { seq: 3 }, { seq: 4 }],
    });
    expect(await request(alice.socket, 'message:sync', { room, afterSeq: 4, limit: 3 })).toMatchObject({
      hasMore: false,
      nextAfterSeq: 5,
      messages: [{ seq: 5 }],
    });
    expect(await request(alice.socket, 'message:sync', { room, afterSeq: 5 })).toMatchObject({
      messages: [],
      hasMore: false,
      nextAfterSeq: 5,
    });
    for (const bad of [
      { room },
      { room, afterSeq: -1 },
      { room, afterSeq: '1' },
      { room, afterSeq: 0, limit: 101 },
      { room, afterSeq: 1.5 },
    ]) {
      expect(await request(alice.socket, 'message:sync', bad)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    }
  });
});
