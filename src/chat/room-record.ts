import type { RoomKind } from './room-ids';

/** A stored room as the services see it: a plain object, never a mongoose document. */
export interface RoomRecord {
  id: string;
  name: string;
  kind: RoomKind;
  ownerId: string | null;
  createdAt: Date;
}

/** A stored membership. */
export interface MembershipRecord {
  room: string;
  userId: string;
  lastReadSeq: number;
  joinedAt: Date;
}

/** A room as clients see it (`info` in acks and events). */
export interface RoomView {
  id: string;
  name: string;
  kind: RoomKind;
  ownerId: string | null;
  createdAt: string;
}

export const toRoomView = (room: RoomRecord): RoomView => ({
  id: room.id,
  name: room.name,
  kind: room.kind,
  ownerId: room.ownerId,
  createdAt: room.createdAt.toISOString(),
});
