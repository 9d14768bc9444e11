import { Service } from 'typedi';
import { UsersRepository } from '../users/users.repository';
import { NotMemberError, TooManyRoomsError } from './chat-errors';
import { toChatMessage, type ChatMessage, type HistoryPage } from './chat-message';
import { toChatUser, type ChatUser } from './chat-user';
import { HISTORY_DEFAULT_LIMIT, ROOMS_PER_CONNECTION_MAX } from './chat.constants';
import { decodeCursor, encodeCursor } from './history-cursor';
import { MessageRepository } from './message.repository';

export interface SendMessageInput {
  room: string;
  text: string;
  clientMsgId?: string;
}

/** What the others in a room are told when someone types there. */
export interface TypingNotice {
  room: string;
  user: ChatUser;
}

export interface HistoryQuery {
  room: string;
  before?: string;
  limit?: number;
}

/**
 * The chat rules: who may post and read, idempotent sends, history paging. Membership itself is
 * a fact of the transport (has this connection joined the room?), so callers pass it in.
 */
@Service()
export class ChatService {
  constructor(
    private readonly messages: MessageRepository,
    private readonly users: UsersRepository,
  ) {}

  /** Refuses a join that would put a connection, already in `joined`, in too many rooms; rejoining is fine. */
  checkJoin(room: string, joined: readonly string[]): void {
    if (!joined.includes(room) && joined.length >= ROOMS_PER_CONNECTION_MAX) throw new TooManyRoomsError(ROOMS_PER_CONNECTION_MAX);
  }

  /**
   * Stores a message and returns it; `created` is false for a repeated clientMsgId, in which
   * case the message stored the first time is returned and nobody should be told again.
   */
  async send(author: ChatUser, input: SendMessageInput, isMember: boolean): Promise<{ message: ChatMessage; created: boolean }> {
    if (!isMember) throw new NotMemberError();
    const { record, created } = await this.messages.createOnce({ ...input, authorId: author.id });
    return { message: toChatMessage(record, author), created };
  }

  /** The notice to relay when `user` types in `room`; nothing is stored. */
  typing(user: ChatUser, room: string, isMember: boolean): TypingNotice {
    if (!isMember) throw new NotMemberError();
    return { room, user };
  }

  /** One page of a room's messages, newest first. */
  async history(query: HistoryQuery, isMember: boolean): Promise<HistoryPage> {
    if (!isMember) throw new NotMemberError();
    const limit = query.limit ?? HISTORY_DEFAULT_LIMIT;
    // One extra row tells whether an older page exists, so nextBefore is null exactly at the end.
    const records = await this.messages.findPage(
      query.room,
      limit + 1,
      query.before === undefined ? undefined : decodeCursor(query.before),
    );
    const page = records.slice(0, limit);
    const authors = await this.authorsOf(page.map((record) => record.authorId));
    const last = page[page.length - 1];
    return {
      messages: page.map((record) =>
        toChatMessage(record, authors.get(record.authorId) ?? { id: record.authorId, displayName: DELETED_USER }),
      ),
      nextBefore: records.length > limit && last ? encodeCursor(last) : null,
    };
  }

  private async authorsOf(ids: string[]): Promise<Map<string, ChatUser>> {
    const users = await this.users.findByIds([...new Set(ids)]);
    return new Map(users.map((user) => [user.id, toChatUser(user)]));
  }
}

/** Shown as the author of messages whose account no longer exists. */
const DELETED_USER = '[deleted user]';
