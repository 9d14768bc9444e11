import { Types } from 'mongoose';
import { MessageModel } from '../../src/chat/message.model';
import { CLOCK } from '../../src/common/clock';
import { UserModel } from '../../src/users/user.model';
import { aChatClient, call, createRoom, send, syncAll, type WireMessage } from '../fixtures/chat';
import { ManualClock } from '../support/clock';
import { request, waitForEvent } from '../support/sockets';
import { useTestApp } from '../support/suite';

const WINDOW = 900;
const refused = (code: string) => ({ ok: false, error: { code, message: expect.any(String) } });

describe('chat edits and deletes: the author within the window, admins always', () => {
  const t = useTestApp({ sockets: true, env: { CHAT_EDIT_WINDOW_SECONDS: String(WINDOW) } });
  const clock = new ManualClock();
  // Before any socket event: the chat services take the clock when they are first built.
  beforeAll(() => t.app.container.set(CLOCK, clock));
  beforeEach(() => clock.reset());

  async function roomWithBob() {
    const alice = await aChatClient(t);
    const bob = await aChatClient(t);
    const room = await createRoom(alice.socket, 'team');
    await call(alice.socket, 'room:invite', { room, userId: bob.user.id });
    return { alice, bob, room };
  }

  it('lets the author edit within the window: everyone gets message:updated, history and sync show the new text', async () => {
    const { alice, bob, room } = await roomWithBob();
    await send(alice.socket, room, 'helo');
    clock.advance((WINDOW - 60) * 1000);
    const heard = waitForEvent<WireMessage>(bob.socket, 'message:updated');
    const { message } = await call<{ message: WireMessage }>(alice.socket, 'message:edit', { room, seq: 1, text: '  hello  ' });
    expect(message).toMatchObject({ room, seq: 1, text: 'hello', editedAt: clock.now().toISOString() });
    expect(await heard).toEqual(message);
    expect((await call<{ messages: WireMessage[] }>(bob.socket, 'message:history', { room })).messages).toEqual([message]);
    expect(await syncAll(bob.socket, room)).toEqual([message]);
  });

  it('refuses the author after the window, and anyone else at any time', async () => {
    const { alice, bob, room } = await roomWithBob();
    await send(alice.socket, room, 'typo');
    expect(await request(bob.socket, 'message:edit', { room, seq: 1, text: 'not yours' })).toEqual(refused('not_author'));
    expect(await request(bob.socket, 'message:delete', { room, seq: 1 })).toEqual(refused('not_author'));
    clock.advance((WINDOW + 60) * 1000);
    expect(await request(alice.socket, 'message:edit', { room, seq: 1, text: 'too late' })).toEqual(refused('edit_window_closed'));
    expect(await request(alice.socket, 'message:delete', { room, seq: 1 })).toEqual(refused('edit_window_closed'));
    expect(await request(alice.socket, 'message:edit', { room, seq: 9, text: 'nothing there' })).toEqual(refused('message_not_found'));
    expect((await syncAll(alice.socket, room)).map((m) => m.text)).toEqual(['typo']);
  });

  it('turns a deleted message into a tombstone: seq kept and never reused, text gone, everyone told', async () => {
    const { alice, bob, room } = await roomWithBob();
    await send(alice.socket, room, 'regret');
    await send(bob.socket, room, 'reply');
    const heard = waitForEvent<WireMessage>(bob.socket, 'message:deleted');
    const { message } = await call<{ message: WireMessage }>(alice.socket, 'message:delete', { room, seq: 1 });
    expect(message).toEqual({
      id: expect.any(String),
      room,
      seq: 1,
      author: { id: alice.user.id, displayName: alice.user.displayName },
      createdAt: expect.any(String),
      deleted: true,
      deletedAt: clock.now().toISOString(),
    });
    expect(await heard).toEqual(message);
    // Removed from the database too, not only from the answer.
    expect(await MessageModel.findOne({ room, seq: 1 }).lean()).not.toHaveProperty('text');
    expect(await request(alice.socket, 'message:edit', { room, seq: 1, text: 'undo' })).toEqual(refused('message_deleted'));
    // Deleting again answers the tombstone again.
    expect(await request(alice.socket, 'message:delete', { room, seq: 1 })).toEqual({ ok: true, message });
    await expect(send(alice.socket, room, 'next')).resolves.toMatchObject({ seq: 3 });
    const synced = await syncAll(bob.socket, room);
    expect(synced.map((m) => [m.seq, m.text ?? null, m.deleted ?? false])).toEqual([
      [1, null, true],
      [2, 'reply', false],
      [3, 'next', false],
    ]);
  });

  it('lets an admin delete any message at any time, in a room they are not in, but not edit it', async () => {
    const { alice, bob, room } = await roomWithBob();
    const admin = await aChatClient(t);
    await UserModel.updateOne({ _id: new Types.ObjectId(admin.user.id) }, { $set: { roles: ['user', 'admin'] } });
    await send(bob.socket, room, 'spam');
    clock.advance(10 * WINDOW * 1000);
    expect(await request(admin.socket, 'message:edit', { room, seq: 1, text: 'fixed' })).toEqual(refused('room_not_found'));
    const heard = waitForEvent<WireMessage>(alice.socket, 'message:deleted');
    expect(await request(admin.socket, 'message:delete', { room, seq: 1 })).toMatchObject({ ok: true, message: { seq: 1, deleted: true } });
    expect(await heard).toMatchObject({ seq: 1, deleted: true });
    // A user without the role is not an admin, whatever they try.
    await send(bob.socket, room, 'more');
    expect(await request(alice.socket, 'message:delete', { room, seq: 2 })).toEqual(refused('not_author'));
  });

  it('refuses bad edit and delete payloads with invalid_payload', async () => {
    const { alice, room } = await roomWithBob();
    for (const [event, payload] of [
      ['message:edit', { room, seq: 1 }],
      ['message:edit', { room, seq: 1, text: '   ' }],
      ['message:edit', { room, seq: 0, text: 'x' }],
      ['message:delete', { room, seq: '1' }],
      ['message:delete', { room, seq: 1, text: 'x' }],
    ] as const) {
      expect(await request(alice.socket, event, payload)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    }
  });
});
