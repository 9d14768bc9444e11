import { Service } from 'typedi';
import { toChatMessage, type ChatMessage } from './chat-message';
import { ChatUsers } from './chat-users';
import type { MessageRecord } from './message-record';

/** Shown as the author of messages whose account no longer exists. */
const DELETED_USER = '[deleted user]';

/** Turns stored messages into what clients see, with their authors' current names (one query per batch). */
@Service()
export class MessagePresenter {
  constructor(private readonly users: ChatUsers) {}

  async present(records: readonly MessageRecord[]): Promise<ChatMessage[]> {
    const authors = await this.users.findMany(records.map((record) => record.authorId));
    return records.map((record) =>
      toChatMessage(record, authors.get(record.authorId) ?? { id: record.authorId, displayName: DELETED_USER }),
    );
  }

  async presentOne(record: MessageRecord): Promise<ChatMessage> {
    const [message] = await this.present([record]);
    return message!;
  }
}
