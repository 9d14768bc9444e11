import { Service } from 'typedi';
import { UsersRepository } from '../users/user.repository';
import { toChatMessage, type ChatMessage } from './chat-message';
import { toChatUser, type ChatUser } from './chat-user';
import type { MessageRecord } from './message-record';

/** Shown as the author of messages whose account no longer exists. */
const DELETED_USER = '[deleted user]';

/** Turns stored messages into what clients see, with their authors' current names (one query per batch). */
@Service()
export class MessagePresenter {
  constructor(private readonly users: UsersRepository) {}

  async present(records: readonly MessageRecord[]): Promise<ChatMessage[]> {
    const authors = await this.usersById(records.map((record) => record.authorId));
    return records.map((record) =>
      toChatMessage(record, authors.get(record.authorId) ?? { id: record.authorId, displayName: DELETED_USER }),
    );
  }

  async presentOne(record: MessageRecord): Promise<ChatMessage> {
    const [message] = await this.present([record]);
    return message!;
  }

  /** The users among `ids` that still exist, as chat users. */
  async usersById(ids: readonly string[]): Promise<Map<string, ChatUser>> {
    const users = await this.users.findByIds([...new Set(ids)]);
    return new Map(users.map((user) => [user.id, toChatUser(user)]));
  }
}
