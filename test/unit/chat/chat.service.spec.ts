import type { ChatBroadcaster } from '../../../src/chat/chat-broadcaster';
import { NotMemberError } from '../../../src/chat/chat-errors';
import { ChatService } from '../../../src/chat/chat.service';
import { ChatUsers } from '../../../src/chat/chat-users';
import { encodeCursor } from '../../../src/chat/history-cursor';
import { MessagePresenter } from '../../../src/chat/message-presenter';
import type { MessageRecord } from '../../../src/chat/message-record';
import type { MessageRepository } from '../../../src/chat/message.repository';
import type { MessageSequencer, Reservation } from '../../../src/chat/message-sequencer';
import type { RoomRecord } from '../../../src/chat/room-record';
import type { RoomPolicy } from '../../../src/chat/room.policy';
import type { UserRecord } from '../../../src/users/user-record';
import type { UsersRepository } from '../../../src/users/users.repository';
import { AppMetrics } from '../../../src/metrics/app-metrics';

const alice = { id: 'a'.repeat(24), displayName: 'Alice' };
const general: RoomRecord = { id: 'general', name: 'general', kind: 'public', ownerId: null, createdAt: new Date(0) };

function aMessage(n: number, authorId = alice.id): MessageRecord {
  return { id: n.toString(16).padStart(24, '0'), room: 'general', seq: n, authorId, text: `m${n}`, createdAt: new Date(1_000 * n) };
}

// The policy is faked as "allowed" or "refused": its rules have their own spec (room.policy.spec.ts).
function serviceWith(stored: MessageRecord[], { member = true } = {}) {
  const append = jest.fn(async (_room: RoomRecord, input: { room: string; text: string; authorId: string }) => ({
    record: { ...aMessage(99), ...input },
    created: true,
  }));
  const sequencer = { append, cancel: jest.fn(), reserve: jest.fn((): Reservation => ({ append, cancel: sequencer.cancel })) };
  const messages = {
    findPage: jest.fn(async (_room: string, limit: number) => stored.slice(0, limit)),
    findAfter: jest.fn(async (_room: string, afterSeq: number, limit: number) => stored.filter((m) => m.seq > afterSeq).slice(0, limit)),
    lastSeq: jest.fn(async () => stored.reduce((max, m) => Math.max(max, m.seq), 0)),
  };
  const users = { findByIds: jest.fn(async (ids: string[]) => (ids.includes(alice.id) ? [alice as UserRecord] : [])) };
  const allowOrRefuse = jest.fn(async () => {
    if (!member) throw new NotMemberError();
    return { roomId: 'general', room: general };
  });
  const policy = { authorize: allowOrRefuse, authorizeExisting: allowOrRefuse };
  const broadcaster = { toRoom: jest.fn() };
  const service = new ChatService(
    messages as unknown as MessageRepository,
    sequencer as unknown as MessageSequencer,
    new MessagePresenter(new ChatUsers(users as unknown as UsersRepository)),
    policy as unknown as RoomPolicy,
    broadcaster as unknown as ChatBroadcaster,
    { now: () => new Date() },
    new AppMetrics(),
  );
  return { service, messages, sequencer, broadcaster };
}

describe('ChatService', () => {
  it('refuses to store a message the policy refuses, and tells nobody', async () => {
    const { service, sequencer, broadcaster } = serviceWith([], { member: false });
    await expect(service.send(alice, { room: 'general', text: 'hi' })).rejects.toBeInstanceOf(NotMemberError);
    expect(sequencer.append).not.toHaveBeenCalled();
    // Its place in the room's line is given up, so the sends behind it are not held.
    expect(sequencer.cancel).toHaveBeenCalledTimes(1);
    expect(broadcaster.toRoom).not.toHaveBeenCalled();
  });

  it("stores a member's message under the author, tells the room once, and returns it with its seq", async () => {
    const { service, sequencer, broadcaster } = serviceWith([]);
    const { message, created } = await service.send(alice, { room: 'general', text: 'hi', clientMsgId: 'k1' });
    expect(sequencer.append).toHaveBeenCalledWith(general, { room: 'general', text: 'hi', clientMsgId: 'k1', authorId: alice.id });
    expect(created).toBe(true);
    expect(message).toMatchObject({ room: 'general', seq: 99, text: 'hi', author: alice });
    expect(broadcaster.toRoom).toHaveBeenCalledWith('general', 'message:new', message);
  });

  it('refuses history to a non-member without reading it', async () => {
    const { service, messages } = serviceWith([aMessage(1)], { member: false });
    await expect(service.history(alice, { room: 'general' })).rejects.toBeInstanceOf(NotMemberError);
    expect(messages.findPage).not.toHaveBeenCalled();
  });

  it('returns a cursor to the last message of a full page when older messages exist', async () => {
    const { service, messages } = serviceWith([aMessage(5), aMessage(4), aMessage(3)]);
    const page = await service.history(alice, { room: 'general', limit: 2 });
    expect(messages.findPage).toHaveBeenCalledWith('general', 3, undefined);
    expect(page.messages.map((message) => message.text)).toEqual(['m5', 'm4']);
    expect(page.nextBefore).toBe(encodeCursor(aMessage(4)));
  });

  it('returns nextBefore null when the page reaches the oldest message', async () => {
    const { service } = serviceWith([aMessage(2), aMessage(1)]);
    expect((await service.history(alice, { room: 'general', limit: 2 })).nextBefore).toBeNull();
  });

  it('passes the decoded cursor on and defaults the limit to 50', async () => {
    const { service, messages } = serviceWith([]);
    await service.history(alice, { room: 'general', before: encodeCursor(aMessage(7)) });
    expect(messages.findPage).toHaveBeenCalledWith('general', 51, { createdAt: aMessage(7).createdAt, id: aMessage(7).id });
  });

  it('names the author of a message whose account is gone', async () => {
    const { service } = serviceWith([aMessage(1, 'b'.repeat(24))]);
    const [message] = (await service.history(alice, { room: 'general' })).messages;
    expect(message!.author).toEqual({ id: 'b'.repeat(24), displayName: '[deleted user]' });
  });

  it('pages sync oldest first: hasMore and nextAfterSeq continue exactly after the last message', async () => {
    const { service } = serviceWith([1, 2, 3, 4, 5].map((n) => aMessage(n)));
    const first = await service.sync(alice, { room: 'general', afterSeq: 1, limit: 2 });
    expect(first).toMatchObject({ room: 'general', hasMore: true, nextAfterSeq: 3, lastSeq: 5 });
    expect(first.messages.map((m) => m.seq)).toEqual([2, 3]);
    const last = await service.sync(alice, { room: 'general', afterSeq: 3, limit: 2 });
    expect(last).toMatchObject({ hasMore: false, nextAfterSeq: 5 });
    expect(last.messages.map((m) => m.seq)).toEqual([4, 5]);
    expect(await service.sync(alice, { room: 'general', afterSeq: 5 })).toMatchObject({ messages: [], hasMore: false, nextAfterSeq: 5 });
  });

  it('relays typing of a member as { room, user } and refuses a non-member', async () => {
    expect(await serviceWith([]).service.typing(alice, 'general')).toEqual({ room: 'general', user: alice });
    await expect(serviceWith([], { member: false }).service.typing(alice, 'general')).rejects.toBeInstanceOf(NotMemberError);
  });
});
