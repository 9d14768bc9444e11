import { ConflictError, ForbiddenError } from '../common/errors/app-error';

/** Sending to or reading a room requires being in it. */
export class NotMemberError extends ForbiddenError {
  constructor() {
    super('not_member', 'Join the room first.');
  }
}

/** One connection holds a bounded number of rooms: each costs presence work on every join and leave. */
export class TooManyRoomsError extends ConflictError {
  constructor(max: number) {
    super('too_many_rooms', `One connection may be in at most ${max} rooms; leave one first.`);
  }
}
