import { aChatClient, call, createRoom, send } from '../fixtures/chat';
import { waitForEvent } from '../support/sockets';
import { useTestApp } from '../support/suite';

const NEVER_USED = `prv:${'0'.repeat(24)}`;

describe('chat rooms over HTTP: the mirrors under /rooms, same policy as the sockets', () => {
  const t = useTestApp({ sockets: true });
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('creates a private room (201), lists it with unread counts, and serves members, history and sync to members', async () => {
    const alice = await aChatClient(t);
    const bob = await aChatClient(t);
    const created = await t.http.post('/rooms').set(bearer(alice.user.accessToken)).send({ name: 'team', kind: 'private' }).expect(201);
    const room = created.body.room as string;
    expect(created.body).toEqual({
      room: expect.stringMatching(/^prv:[a-f0-9]{24}$/),
      info: { id: room, name: 'team', kind: 'private', ownerId: alice.user.id, createdAt: expect.any(String) },
    });
    // The creator's open socket was subscribed to the new room at once.
    const heard = waitForEvent<{ text: string }>(alice.socket, 'message:new');
    await call(alice.socket, 'room:invite', { room, userId: bob.user.id });
    await send(bob.socket, room, 'hi alice');
    expect((await heard).text).toBe('hi alice');

    const list = await t.http.get('/rooms').set(bearer(alice.user.accessToken)).expect(200);
    expect(list.body.rooms).toEqual([
      expect.objectContaining({ id: room, unread: 1, lastSeq: 1, lastMessage: expect.objectContaining({ text: 'hi alice' }) }),
    ]);
    expect(list.body.discover).toEqual([]);

    const members = await t.http
      .get(`/rooms/${encodeURIComponent(room)}/members`)
      .set(bearer(bob.user.accessToken))
      .expect(200);
    expect(members.body).toEqual({
      room,
      members: [
        { id: alice.user.id, displayName: alice.user.displayName, joinedAt: expect.any(String), online: true },
        { id: bob.user.id, displayName: bob.user.displayName, joinedAt: expect.any(String), online: true },
      ],
    });
    const history = await t.http.get(`/rooms/${room}/messages`).set(bearer(alice.user.accessToken)).expect(200);
    expect(history.body.messages.map((m: { text: string }) => m.text)).toEqual(['hi alice']);
    const sync = await t.http.get(`/rooms/${room}/sync?afterSeq=0&limit=10`).set(bearer(alice.user.accessToken)).expect(200);
    expect(sync.body).toMatchObject({ room, hasMore: false, nextAfterSeq: 1, lastSeq: 1, messages: [{ seq: 1, text: 'hi alice' }] });

    const otherTab = waitForEvent(alice.socket, 'room:read');
    const read = await t.http.post(`/rooms/${room}/read`).set(bearer(alice.user.accessToken)).send({ seq: 1 }).expect(200);
    expect(read.body).toEqual({ room, lastReadSeq: 1, unread: 0 });
    expect(await otherTab).toEqual({ room, lastReadSeq: 1, unread: 0 });
  });

  it('answers a non-member of a private room exactly as for a room that does not exist, on every route', async () => {
    const alice = await aChatClient(t);
    const mallory = await aChatClient(t);
    const room = await createRoom(alice.socket, 'secret');
    await send(alice.socket, room, 'hidden');
    const auth = bearer(mallory.user.accessToken);
    for (const [method, path, body] of [
      ['get', '/members', undefined],
      ['get', '/messages', undefined],
      ['get', '/sync?afterSeq=0', undefined],
      ['post', '/read', { seq: 1 }],
    ] as const) {
      const ask = async (id: string) => {
        const req = method === 'get' ? t.http.get(`/rooms/${id}${path}`) : t.http.post(`/rooms/${id}${path}`).send(body);
        const res = await req.set(auth);
        return { status: res.status, body: res.body as object };
      };
      const real = await ask(room);
      expect({ path, ...real }).toEqual({ path, ...(await ask(NEVER_USED)) });
      expect({ path, status: real.status, code: (real.body as { code?: string }).code }).toEqual({
        path,
        status: 404,
        code: 'room_not_found',
      });
    }
  });

  it('refuses non-members of public rooms, taken addresses, bad input and missing tokens as the sockets do', async () => {
    const alice = await aChatClient(t);
    const auth = bearer(alice.user.accessToken);
    await t.http.post('/rooms').set(auth).send({ name: 'news', kind: 'public' }).expect(201);
    const taken = await t.http.post('/rooms').set(auth).send({ name: 'news', kind: 'public' }).expect(409);
    expect(taken.body).toMatchObject({ code: 'room_exists' });
    const bob = await aChatClient(t);
    const notMember = await t.http.get('/rooms/news/sync?afterSeq=0').set(bearer(bob.user.accessToken)).expect(403);
    expect(notMember.body).toMatchObject({ code: 'not_member' });
    expect((await t.http.get('/rooms').set(bearer(bob.user.accessToken)).expect(200)).body.discover).toEqual([
      expect.objectContaining({ id: 'news', kind: 'public' }),
    ]);
    for (const [path, body] of [
      ['/rooms', { name: 'x', kind: 'direct' }],
      ['/rooms', { name: 'Bad Address', kind: 'public' }],
      ['/rooms', { name: '   ', kind: 'private' }],
      ['/rooms', { name: 42, kind: 'private' }],
      ['/rooms', { name: 'ok', kind: 'private', owner: 'me' }],
      ['/rooms/news/read', { seq: -1 }],
    ] as const) {
      const res = await t.http.post(path).set(auth).send(body);
      expect({ path, body, status: res.status }).toEqual({ path, body, status: 400 });
    }
    for (const path of [
      '/rooms/news/sync',
      '/rooms/news/sync?afterSeq=x',
      '/rooms/news/sync?afterSeq=0&limit=101',
      '/rooms/NEWS/members',
    ]) {
      expect({ path, status: (await t.http.get(path).set(auth)).status }).toEqual({ path, status: 400 });
    }
    await t.http.get('/rooms').expect(401);
    await t.http.post('/rooms').send({ name: 'x', kind: 'private' }).expect(401);
  });
});
