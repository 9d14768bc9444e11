import { ROOM_ID_MAX_LENGTH } from './room-ids';

/** Room ids are in room-ids.ts; a display name is free text of at most this many characters (trimmed). */
export const ROOM_NAME_MAX_LENGTH = 64;

/** Text length is counted after trimming, in UTF-16 code units (String.prototype.length). */
export const TEXT_MAX_LENGTH = 2000;

/** Idempotency keys chosen by clients (a UUID fits); printable ASCII without spaces. */
export const CLIENT_MSG_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
export const CLIENT_MSG_ID_MAX_LENGTH = 64;

export const HISTORY_DEFAULT_LIMIT = 50;
export const HISTORY_MAX_LIMIT = 100;
export const SYNC_MAX_LIMIT = 100;

/** room:list's public rooms to discover; GET /rooms/:room/members at most. */
export const DISCOVER_LIMIT = 100;
export const MEMBERS_LIST_MAX = 500;

// The largest valid event is message:send. JSON may escape every character as \uXXXX (6 bytes), so
// the worst valid payload is 6 bytes per character of text, room and clientMsgId, plus the event
// name, ack id and JSON punctuation (well under 1 KiB). Twice that leaves room for protocol
// framing; anything larger cannot be a valid event, and socket.io drops the connection that sent it.
const WORST_CASE_MESSAGE_BYTES = 6 * (TEXT_MAX_LENGTH + ROOM_ID_MAX_LENGTH + CLIENT_MSG_ID_MAX_LENGTH) + 1024;
export const CHAT_MAX_EVENT_BYTES = 2 * WORST_CASE_MESSAGE_BYTES;

/**
 * Per-user budgets of the events that broadcast to a room (message:send is configured, see
 * CHAT_RATE_LIMIT_*). A typing client sends one every few seconds per room; over the budget it is
 * not relayed. Every join announces presence to the whole room; the join budget (shared by
 * room:create and dm:open) is twice the rooms one user may be a member of.
 */
export const TYPING_RATE_LIMIT = { points: 20, durationSeconds: 10 };
/**
 * Memberships per user (public, private and direct rooms together). Bounded because every
 * connection is subscribed to all of them on connect, and presence is announced in each.
 */
export const ROOMS_PER_USER_MAX = 50;
export const JOIN_RATE_LIMIT = { points: 2 * ROOMS_PER_USER_MAX, durationSeconds: 60 };
/** Invites, removals and renames tell other users (room:added, room:removed, room:updated). */
export const MANAGE_RATE_LIMIT = { points: 60, durationSeconds: 60 };
