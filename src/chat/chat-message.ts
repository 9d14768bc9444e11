import type { ChatUser } from './chat-user';
import type { MessageRecord } from './message-record';

/** A message as clients receive it, in acks, `message:*` events, history and sync pages alike. */
export interface ChatMessage {
  id: string;
  room: string;
  seq: number;
  /** Absent on tombstones. */
  text?: string;
  author: ChatUser;
  createdAt: string;
  editedAt?: string;
  deleted?: true;
  deletedAt?: string;
}

export interface HistoryPage {
  /** Newest first. */
  messages: ChatMessage[];
  /** Pass as `before` for the next (older) page; null when there is none. */
  nextBefore: string | null;
}

export interface SyncPage {
  room: string;
  /** Oldest first: seq > afterSeq. */
  messages: ChatMessage[];
  hasMore: boolean;
  /** Pass as afterSeq for the next page. */
  nextAfterSeq: number;
  lastSeq: number;
}

/** Built field by field: a tombstone carries no text, whatever the record holds. */
export function toChatMessage(record: MessageRecord, author: ChatUser): ChatMessage {
  const base = { id: record.id, room: record.room, seq: record.seq };
  const createdAt = record.createdAt.toISOString();
  if (record.deletedAt) return { ...base, author, createdAt, deleted: true, deletedAt: record.deletedAt.toISOString() };
  return {
    ...base,
    text: record.text ?? '',
    author,
    createdAt,
    ...(record.editedAt ? { editedAt: record.editedAt.toISOString() } : {}),
  };
}
