/** A stored message as the services see it: a plain object, never a mongoose document. */
export interface MessageRecord {
  id: string;
  room: string;
  seq: number;
  authorId: string;
  /** Absent on tombstones. */
  text?: string;
  clientMsgId?: string;
  createdAt: Date;
  editedAt?: Date;
  deletedAt?: Date;
}

/** Where a history page starts: strictly older than this (createdAt, id) pair. */
export interface HistoryPosition {
  createdAt: Date;
  id: string;
}
