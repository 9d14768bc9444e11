/** The shapes of docs/socket-protocol.md, as the client reads them. */
export interface ChatUser {
  id: string;
  displayName: string;
}

/** A message, or the tombstone of a deleted one (no text, `deleted: true`). */
export interface ChatMessage {
  id: string;
  room: string;
  /** 1, 2, 3... per room, without gaps: the order, and how the client finds what it missed. */
  seq: number;
  text?: string;
  author: ChatUser;
  createdAt: string;
  editedAt?: string;
  deleted?: true;
  deletedAt?: string;
}

export type RoomKind = 'public' | 'private' | 'direct';

/** The room view: `public` ids are their address, `prv:…` private, `dm:…` direct. */
export interface RoomInfo {
  id: string;
  name: string;
  kind: RoomKind;
  ownerId: string | null;
  createdAt: string;
}

/** One of the caller's rooms in room:list. */
export interface MyRoom extends RoomInfo {
  lastSeq: number;
  lastReadSeq: number;
  unread: number;
  lastMessage: ChatMessage | null;
  /** The other member, in direct rooms only. */
  peer?: ChatUser;
}

export interface RoomList {
  rooms: MyRoom[];
  /** Public rooms the caller is not in. */
  discover: RoomInfo[];
}

export interface JoinAnswer {
  members: ChatUser[];
  info: RoomInfo;
  lastSeq: number;
  lastReadSeq: number;
}

export interface HistoryPage {
  messages: ChatMessage[];
  nextBefore: string | null;
}

export interface SyncPage {
  messages: ChatMessage[];
  hasMore: boolean;
  nextAfterSeq: number;
  lastSeq: number;
}

export interface ReadState {
  room: string;
  lastReadSeq: number;
  unread: number;
}

/** How a room is called in the list and in its log's accessible name. */
export function roomTitle(room: Pick<MyRoom, 'kind' | 'name' | 'id'> & { peer?: ChatUser }): string {
  if (room.kind === 'direct') return room.peer?.displayName ?? 'Direct message';
  return room.name || room.id;
}
