import type { ChatUser } from './chat-user';
import type { MessageRecord } from './message-record';

/** A message as clients receive it, in acks, `message:new` and history pages alike. */
export interface ChatMessage {
  id: string;
  room: string;
  text: string;
  author: ChatUser;
  createdAt: string;
}

export interface HistoryPage {
  /** Newest first. */
  messages: ChatMessage[];
  /** Pass as `before` for the next (older) page; null when there is none. */
  nextBefore: string | null;
}

export function toChatMessage(record: MessageRecord, author: ChatUser): ChatMessage {
  return { id: record.id, room: record.room, text: record.text, author, createdAt: record.createdAt.toISOString() };
}
