/** Room names clients may use; the pattern also keeps them apart from socket.io's internal rooms. */
export const ROOM_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const ROOM_NAME_MAX_LENGTH = 64;

/** Text length is counted after trimming, in UTF-16 code units (String.prototype.length). */
export const TEXT_MAX_LENGTH = 2000;

/** Idempotency keys chosen by clients (a UUID fits); printable ASCII without spaces. */
export const CLIENT_MSG_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
export const CLIENT_MSG_ID_MAX_LENGTH = 64;

export const HISTORY_DEFAULT_LIMIT = 50;
export const HISTORY_MAX_LIMIT = 100;

// The largest valid event is message:send. JSON may escape every character as \uXXXX (6 bytes), so
// the worst valid payload is 6 bytes per character of text, room and clientMsgId, plus the event
// name, ack id and JSON punctuation (well under 1 KiB). Twice that leaves room for protocol
// framing; anything larger cannot be a valid event, and socket.io drops the connection that sent it.
const WORST_CASE_MESSAGE_BYTES = 6 * (TEXT_MAX_LENGTH + ROOM_NAME_MAX_LENGTH + CLIENT_MSG_ID_MAX_LENGTH) + 1024;
export const CHAT_MAX_EVENT_BYTES = 2 * WORST_CASE_MESSAGE_BYTES;

/**
 * Per-user budgets of the events that broadcast to a room (message:send is configured, see
 * CHAT_RATE_LIMIT_*). A typing client sends one every few seconds per room; over the budget it is
 * not relayed. Every join announces presence to the whole room, but a reconnecting client must be
 * able to rejoin all its rooms at once: the join budget is twice the rooms one connection may hold.
 */
export const TYPING_RATE_LIMIT = { points: 20, durationSeconds: 10 };
export const ROOMS_PER_CONNECTION_MAX = 50;
export const JOIN_RATE_LIMIT = { points: 2 * ROOMS_PER_CONNECTION_MAX, durationSeconds: 60 };
