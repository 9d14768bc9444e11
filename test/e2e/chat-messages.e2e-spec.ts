import { Types } from 'mongoose';
import { MessageModel } from '../../src/chat/message.model';
import { aChatClient, anotherTab, join, send, usersInRoom } from '../fixtures/chat';
import { recordEvents, request, waitForEvent } from '../support/sockets';
import { useTestApp } from '../support/suite';

type Message = { id: string; room: string; seq: number; text: string; author: { id: string; displayName: string }; createdAt: string };
type Page = { ok: true; messages: Message[]; nextBefore: string | null };

describe('chat messages: send, broadcast, idempotency, history', () => {
  const t = useTestApp({ sockets: true });

  it("stores a message, acks it, and broadcasts it to every socket in the room, the sender's other tabs too", async () => {
    const alice = await aChatClient(t);
    const aliceTab2 = await anotherTab(t, alice);
    const bob = await aChatClient(t);
    for (const socket of [alice.socket, aliceTab2.socket, bob.socket]) await join(socket, 'general');
    const heard = [bob.socket, aliceTab2.socket].map((socket) => waitForEvent<Message>(socket, 'message:new'));

    const ack = await request(alice.socket, 'message:send', { room: 'general', text: '  hello <b>world</b>  ' });
    const expected = {
      id: expect.stringMatching(/^[a-f0-9]{24}$/),
      room: 'general',
      seq: 1,
      text: 'hello <b>world</b>',
      author: { id: alice.user.id, displayName: alice.user.displayName },
      createdAt: expect.any(String),
    };
    expect(ack).toEqual({ ok: true, message: expected });
    const message = (ack as unknown as { message: Message }).message;
    expect(await Promise.all(heard)).toEqual([message, message]);
    expect(await MessageModel.countDocuments({ _id: message.id })).toBe(1);
  });

  it('returns the stored message for a repeated clientMsgId and broadcasts nothing new', async () => {
    const [alice, bob] = await usersInRoom(t, 'general', 2);
    const bobHears = recordEvents<Message>(bob.socket, 'message:new');
    const first = await send(alice.socket, 'general', 'once', 'msg-1');
    const again = await send(alice.socket, 'general', 'once', 'msg-1');
    expect(again).toEqual(first);
    // Barrier: a later message reaches Bob after any broadcast of the repeated send would have.
    const later = await send(alice.socket, 'general', 'later');
    expect((await bobHears.count(2)).map((message) => message.id)).toEqual([first.id, later.id]);
    expect(bobHears.events).toHaveLength(2);
    expect(await MessageModel.countDocuments({ text: 'once' })).toBe(1);
  });

  it('stores one message when the same clientMsgId is sent concurrently', async () => {
    const alice = await aChatClient(t);
    await join(alice.socket, 'general');
    const acks = await Promise.all(Array.from({ length: 5 }, () => send(alice.socket, 'general', 'race', 'same-id')));
    expect(new Set(acks.map((message) => message.id)).size).toBe(1);
    expect(await MessageModel.countDocuments({})).toBe(1);
  });

  it('lets different users use the same clientMsgId', async () => {
    const [alice, bob] = await usersInRoom(t, 'general', 2);
    const a = await send(alice.socket, 'general', 'a', 'shared');
    const b = await send(bob.socket, 'general', 'b', 'shared');
    expect(a.id).not.toBe(b.id);
  });

  it('pages through history newest first without skipping or repeating messages that share a createdAt', async () => {
    const alice = await aChatClient(t);
    await join(alice.socket, 'general');
    const sameInstant = new Date('2026-01-01T00:00:00.000Z');
    await MessageModel.insertMany(
      Array.from({ length: 5 }, (_, i) => ({
        room: 'general',
        author: new Types.ObjectId(alice.user.id),
        // Every stored message has its room's seq now (the unique (room, seq) index requires one).
        seq: i + 1,
        text: `old ${i}`,
        dedupeKey: `s:${i}`,
        createdAt: sameInstant,
      })),
    );
    expect(await MessageModel.countDocuments({ createdAt: sameInstant })).toBe(5);
    const recent = [await send(alice.socket, 'general', 'new 1'), await send(alice.socket, 'general', 'new 2')];

    const seen: Message[] = [];
    let before: string | null | undefined;
    do {
      const page = await request<Page>(alice.socket, 'message:history', { room: 'general', limit: 2, ...(before ? { before } : {}) });
      expect(page.ok).toBe(true);
      seen.push(...page.messages);
      before = page.nextBefore;
    } while (before);

    expect(seen).toHaveLength(7);
    expect(new Set(seen.map((message) => message.id)).size).toBe(7);
    expect(seen.slice(0, 2).map((message) => message.id)).toEqual([recent[1]!.id, recent[0]!.id]);
    expect(seen[0]!.author).toEqual({ id: alice.user.id, displayName: alice.user.displayName });
  });

  it('defaults history to 50 messages and reports nextBefore null at the end', async () => {
    const alice = await aChatClient(t);
    await join(alice.socket, 'general');
    await send(alice.socket, 'general', 'only one');
    const page = await request<Page>(alice.socket, 'message:history', { room: 'general' });
    expect(page).toEqual({ ok: true, messages: [expect.objectContaining({ text: 'only one' })], nextBefore: null });
  });

  it('serves the same history page over REST to a user with a socket in the room', async () => {
    const alice = await aChatClient(t);
    await join(alice.socket, 'general');
    for (const text of ['one', 'two', 'three']) await send(alice.socket, 'general', text);
    const { ok: _ok, ...socketPage } = await request<Page>(alice.socket, 'message:history', { room: 'general', limit: 2 });
    const res = await t.http
      .get('/rooms/general/messages?before=&limit=2')
      .set('Authorization', `Bearer ${alice.user.accessToken}`)
      .expect(200);
    expect(res.body).toEqual(socketPage);
    const next = await t.http
      .get(`/rooms/general/messages?limit=2&before=${socketPage.nextBefore}`)
      .set('Authorization', `Bearer ${alice.user.accessToken}`)
      .expect(200);
    expect(next.body.messages.map((message: Message) => message.text)).toEqual(['one']);
    // An empty before means "absent": the newest page.
    const all = await t.http.get('/rooms/general/messages?before=').set('Authorization', `Bearer ${alice.user.accessToken}`).expect(200);
    expect(all.body.messages).toHaveLength(3);
  });

  it('refuses REST history with 403 not_member, 400 for bad input and 401 without a token', async () => {
    const alice = await aChatClient(t);
    const auth = `Bearer ${alice.user.accessToken}`;
    const notMember = await t.http.get('/rooms/general/messages').set('Authorization', auth).expect(403);
    expect(notMember.body).toMatchObject({ code: 'not_member' });
    for (const path of [
      '/rooms/General!/messages',
      '/rooms/general/messages?limit=0',
      '/rooms/general/messages?limit=',
      '/rooms/general/messages?limit=101',
      '/rooms/general/messages?before=x',
      '/rooms/general/messages?x=1',
    ]) {
      const res = await t.http.get(path).set('Authorization', auth);
      expect({ path, status: res.status, type: res.headers['content-type'] }).toEqual({
        path,
        status: 400,
        type: expect.stringMatching(/application\/problem\+json/),
      });
    }
    await t.http.get('/rooms/general/messages').expect(401);
  });
});
