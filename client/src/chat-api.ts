import type { ChatConnection } from './chat-connection';
import type { ChatMessage, ChatUser, HistoryPage, JoinAnswer, ReadState, RoomInfo, RoomKind, RoomList, SyncPage } from './chat-types';

/** The chat requests of docs/socket-protocol.md, typed; every one answers or throws ApiError. */
export class ChatApi {
  constructor(private readonly connection: ChatConnection) {}

  list(): Promise<RoomList> {
    return this.connection.request<RoomList>('room:list', {});
  }

  create(name: string, kind: Exclude<RoomKind, 'direct'>): Promise<{ info: RoomInfo }> {
    return this.connection.request('room:create', { name, kind });
  }

  join(room: string): Promise<JoinAnswer> {
    return this.connection.request<JoinAnswer>('room:join', { room });
  }

  leave(room: string): Promise<unknown> {
    return this.connection.request('room:leave', { room });
  }

  invite(room: string, userId: string): Promise<unknown> {
    return this.connection.request('room:invite', { room, userId });
  }

  remove(room: string, userId: string): Promise<unknown> {
    return this.connection.request('room:remove', { room, userId });
  }

  rename(room: string, name: string): Promise<{ info: RoomInfo }> {
    return this.connection.request('room:update', { room, name });
  }

  deleteRoom(room: string): Promise<unknown> {
    return this.connection.request('room:delete', { room });
  }

  openDirect(userId: string): Promise<{ info: RoomInfo; peer: ChatUser }> {
    return this.connection.request('dm:open', { userId });
  }

  history(room: string, before?: string | null): Promise<HistoryPage> {
    return this.connection.request<HistoryPage>('message:history', before ? { room, before } : { room });
  }

  sync(room: string, afterSeq: number): Promise<SyncPage> {
    return this.connection.request<SyncPage>('message:sync', { room, afterSeq });
  }

  async send(room: string, text: string, clientMsgId: string): Promise<ChatMessage> {
    return (await this.connection.request<{ message: ChatMessage }>('message:send', { room, text, clientMsgId })).message;
  }

  async edit(room: string, seq: number, text: string): Promise<ChatMessage> {
    return (await this.connection.request<{ message: ChatMessage }>('message:edit', { room, seq, text })).message;
  }

  async deleteMessage(room: string, seq: number): Promise<ChatMessage> {
    return (await this.connection.request<{ message: ChatMessage }>('message:delete', { room, seq })).message;
  }

  read(room: string, seq: number): Promise<ReadState> {
    return this.connection.request<ReadState>('room:read', { room, seq });
  }

  typing(room: string): void {
    this.connection.emit('typing', { room });
  }
}
