import { ApiError } from './api';

/** What to tell a person for each code the API can answer with; the server's text otherwise. */
const MESSAGES: Record<string, string> = {
  invalid_credentials: 'Wrong email or password.',
  email_taken: 'An account with this email already exists. Log in instead.',
  invalid_current_password: 'The current password is wrong.',
  token_missing: 'You are not logged in.',
  token_invalid: 'Your session is not valid any more. Log in again.',
  token_expired: 'Your session expired. Log in again.',
  token_revoked: 'Your session was ended (logged out elsewhere or password changed). Log in again.',
  refresh_invalid: 'Your session is not valid any more. Log in again.',
  refresh_expired: 'Your session expired. Log in again.',
  refresh_reused: 'Your session was ended for safety (a refresh token was used twice). Log in again.',
  account_disabled: 'This account has been disabled by an administrator.',
  not_member: 'You are not in this room. Join it first.',
  room_not_found: 'That room does not exist, or you are not a member.',
  room_exists: 'A public room with that name already exists. Join it, or pick another name.',
  not_owner: 'Only the owner of the room can do that.',
  direct_room_fixed: 'A direct conversation always has its two people: nothing to change.',
  owner_cannot_leave: 'You own this room: delete it instead of leaving.',
  user_not_found: 'That person no longer exists.',
  cannot_dm_self: 'You cannot message yourself.',
  message_not_found: 'That message no longer exists.',
  message_deleted: 'That message was deleted.',
  not_author: 'Only its author can change that message.',
  edit_window_closed: 'Too late: messages can only be edited or deleted shortly after sending.',
  chat_busy: 'The room is busy. Send again.',
  too_many_rooms: 'You are in too many rooms. Leave one first.',
  too_many_connections: 'Too many open tabs or devices for this account. Close one and reload.',
  session_not_found: 'That session no longer exists.',
  network_error: 'The server cannot be reached. Check your connection.',
  offline: 'You are offline. Your message is kept; send it when you are back online.',
  ack_timeout: 'The server did not answer in time. Try again.',
  db_unavailable: 'The service is temporarily unavailable. Try again shortly.',
  internal_error: 'Something went wrong on the server. Try again.',
  payload_too_large: 'That is too long.',
};

function wait(seconds: number | undefined): string {
  if (!seconds) return 'Wait a little and try again.';
  if (seconds < 90) return `Try again in ${seconds} seconds.`;
  return `Try again in ${Math.ceil(seconds / 60)} minutes.`;
}

/** A sentence for any error the UI catches. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Try again.';
  if (error.code === 'login_throttled') return `Too many failed attempts. ${wait(error.retryAfterSeconds)}`;
  if (error.code === 'rate_limited' || error.status === 429) return `You are going too fast. ${wait(error.retryAfterSeconds)}`;
  if (error.code === 'validation_failed' || error.code === 'invalid_payload')
    return ['Please check the form.', ...error.fieldErrors].join(' ');
  if (MESSAGES[error.code]) return MESSAGES[error.code];
  if (error.status >= 500) return 'The server had a problem. Try again shortly.';
  return error.message || 'Something went wrong. Try again.';
}
