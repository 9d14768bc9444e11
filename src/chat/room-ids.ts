import { Types } from 'mongoose';

/**
 * Room ids say their kind. A public room's id is its address (the rooms-by-name clients of before
 * keep using it); private and direct rooms get `prv:` / `dm:` plus a fresh ObjectId. ':' can never
 * occur in an address, so the three spaces never overlap.
 */
export const PUBLIC_ROOM_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const ROOM_ID_PATTERN = /^(?:[a-z0-9][a-z0-9_-]{0,63}|(?:prv|dm):[a-f0-9]{24})$/;
export const ROOM_ID_MAX_LENGTH = 64;

export type RoomKind = 'public' | 'private' | 'direct';
export const ROOM_KINDS: readonly RoomKind[] = ['public', 'private', 'direct'];

export const isPublicRoomId = (id: string): boolean => PUBLIC_ROOM_ID_PATTERN.test(id);

export const newPrivateRoomId = (): string => `prv:${new Types.ObjectId().toHexString()}`;
export const newDirectRoomId = (): string => `dm:${new Types.ObjectId().toHexString()}`;

/**
 * The always-set unique key of a room. A plain unique index on it gives "one public room per
 * address" and "one direct room per pair" without partial indexes (FerretDB 1.x has none), and
 * makes dm:open race-free: the second concurrent insert fails and reads the winner.
 */
export function roomKey(kind: 'public' | 'private', id: string): string;
export function roomKey(kind: 'direct', userA: string, userB: string): string;
export function roomKey(kind: RoomKind, a: string, b?: string): string {
  if (kind === 'public') return `pub:${a}`;
  if (kind === 'private') return `prv:${a}`;
  const [low, high] = [a, b!].sort();
  return `dm:${low}:${high}`;
}
