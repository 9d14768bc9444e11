import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, ServiceUnavailableError } from '../common/errors/app-error';

/**
 * No such room, or a private/direct room the caller is not in: one error for both, so that a
 * non-member cannot tell a real private room from an id that was never used.
 */
export class RoomNotFoundError extends NotFoundError {
  constructor() {
    super('room_not_found', 'There is no such room.');
  }
}

/** Sending to or reading a public room requires being a member of it. */
export class NotMemberError extends ForbiddenError {
  constructor() {
    super('not_member', 'Join the room first.');
  }
}

export class NotOwnerError extends ForbiddenError {
  constructor() {
    super('not_owner', 'Only the owner of the room may do this.');
  }
}

export class RoomExistsError extends ConflictError {
  constructor() {
    super('room_exists', 'A public room with this address exists already.');
  }
}

export class DirectRoomFixedError extends ConflictError {
  constructor() {
    super('direct_room_fixed', 'A direct room always has exactly its two members; it cannot be left, shared, renamed or deleted.');
  }
}

export class OwnerCannotLeaveError extends ConflictError {
  constructor() {
    super('owner_cannot_leave', 'The owner cannot leave their own room; delete it instead.');
  }
}

export class ChatUserNotFoundError extends NotFoundError {
  constructor() {
    super('user_not_found', 'There is no such user.');
  }
}

export class CannotDmSelfError extends BadRequestError {
  constructor() {
    super('cannot_dm_self', 'A direct room needs another user.');
  }
}

export class MessageNotFoundError extends NotFoundError {
  constructor() {
    super('message_not_found', 'The room has no message with this seq.');
  }
}

export class MessageDeletedError extends ConflictError {
  constructor() {
    super('message_deleted', 'The message was deleted.');
  }
}

export class NotAuthorError extends ForbiddenError {
  constructor() {
    super('not_author', 'Only the author may change this message.');
  }
}

export class EditWindowClosedError extends ForbiddenError {
  constructor(windowSeconds: number) {
    super('edit_window_closed', `Messages may be edited or deleted only within ${windowSeconds} seconds of sending.`);
  }
}

/** A user is a member of a bounded number of rooms: each is subscribed on every connect. */
export class TooManyRoomsError extends ConflictError {
  constructor(max: number) {
    super('too_many_rooms', `A user may be a member of at most ${max} rooms; leave one first.`);
  }
}

/** Another instance kept taking the next seq: practically unreachable, but never an endless loop. */
export class SequenceContentionError extends ServiceUnavailableError {
  constructor() {
    super('chat_busy', 'The room is too busy right now; send again.');
  }
}
