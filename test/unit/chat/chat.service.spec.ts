import { NotMemberError, TooManyRoomsError } from '../../../src/chat/chat-errors';
import { ROOMS_PER_CONNECTION_MAX } from '../../../src/chat/chat.constants';
import { ChatService } from '../../../src/chat/chat.service';
import { encodeCursor } from '../../../src/chat/history-cursor';
import type { MessageRecord } from '../../../src/chat/message-record';
import type { MessageRepository } from '../../../src/chat/message.repository';
import type { UserRecord } from '../../../src/users/user-record';
import type { UsersRepository } from '../../../src/users/users.repository';

const alice = { id: 'a'.repeat(24), displayName: 'Alice' };

function aMessage(n: number, authorId = alice.id): MessageRecord {
  return { id: n.toString(16).padStart(24, '0'), room: 'general', authorId, text: `m${n}`, createdAt: new Date(1_000 * n) };
}

function serviceWith(stored: MessageRecord[]) {
  const messages = {
    createOnce: jest.fn(async (input: { room: string; text: string; authorId: string }) => ({
      record: { ...aMessage(99), ...input },
      created: true,
    })),
    findPage: jest.fn(async (_room: string, limit: number) => stored.slice(0, limit)),
  };
  const users = { findByIds: jest.fn(async (ids: string[]) => (ids.includes(alice.id) ? [alice as UserRecord] : [])) };
  const service = new ChatService(messages as unknown as MessageRepository, users as unknown as UsersRepository);
  return { service, messages, users };
}

describe('ChatService', () => {
  it('refuses to store a message from a non-member', async () => {
    const { service, messages } = serviceWith([]);
    await expect(service.send(alice, { room: 'general', text: 'hi' }, false)).rejects.toBeInstanceOf(NotMemberError);
    expect(messages.createOnce).not.toHaveBeenCalled();
  });

  it("stores a member's message under the author and returns it with the author", async () => {
    const { service, messages } = serviceWith([]);
    const { message, created } = await service.send(alice, { room: 'general', text: 'hi', clientMsgId: 'k1' }, true);
    expect(messages.createOnce).toHaveBeenCalledWith({ room: 'general', text: 'hi', clientMsgId: 'k1', authorId: alice.id });
    expect(created).toBe(true);
    expect(message).toMatchObject({ room: 'general', text: 'hi', author: alice });
  });

  it('refuses history to a non-member without reading it', async () => {
    const { service, messages } = serviceWith([aMessage(1)]);
    await expect(service.history({ room: 'general' }, false)).rejects.toBeInstanceOf(NotMemberError);
    expect(messages.findPage).not.toHaveBeenCalled();
  });

  it('returns a cursor to the last message of a full page when older messages exist', async () => {
    const { service, messages } = serviceWith([aMessage(5), aMessage(4), aMessage(3)]);
    const page = await service.history({ room: 'general', limit: 2 }, true);
    expect(messages.findPage).toHaveBeenCalledWith('general', 3, undefined);
    expect(page.messages.map((message) => message.text)).toEqual(['m5', 'm4']);
    expect(page.nextBefore).toBe(encodeCursor(aMessage(4)));
  });

  it('returns nextBefore null when the page reaches the oldest message', async () => {
    const { service } = serviceWith([aMessage(2), aMessage(1)]);
    expect((await service.history({ room: 'general', limit: 2 }, true)).nextBefore).toBeNull();
  });

  it('passes the decoded cursor on and defaults the limit to 50', async () => {
    const { service, messages } = serviceWith([]);
    await service.history({ room: 'general', before: encodeCursor(aMessage(7)) }, true);
    expect(messages.findPage).toHaveBeenCalledWith('general', 51, { createdAt: aMessage(7).createdAt, id: aMessage(7).id });
  });

  it('names the author of a message whose account is gone', async () => {
    const { service } = serviceWith([aMessage(1, 'b'.repeat(24))]);
    const [message] = (await service.history({ room: 'general' }, true)).messages;
    expect(message!.author).toEqual({ id: 'b'.repeat(24), displayName: '[deleted user]' });
  });

  it('relays typing of a member as { room, user } and refuses a non-member', () => {
    const { service } = serviceWith([]);
    expect(service.typing(alice, 'general', true)).toEqual({ room: 'general', user: alice });
    expect(() => service.typing(alice, 'general', false)).toThrow(NotMemberError);
  });

  it('refuses a join beyond the rooms one connection may hold, but not a rejoin', () => {
    const { service } = serviceWith([]);
    const full = Array.from({ length: ROOMS_PER_CONNECTION_MAX }, (_, i) => `room-${i}`);
    expect(() => service.checkJoin('one-more', full.slice(1))).not.toThrow();
    expect(() => service.checkJoin('one-more', full)).toThrow(TooManyRoomsError);
    expect(() => service.checkJoin('room-0', full)).not.toThrow();
  });
});
