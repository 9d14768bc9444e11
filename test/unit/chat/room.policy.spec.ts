import {
  DirectRoomFixedError,
  EditWindowClosedError,
  MessageDeletedError,
  NotAuthorError,
  NotMemberError,
  NotOwnerError,
  OwnerCannotLeaveError,
  RoomNotFoundError,
} from '../../../src/chat/chat-errors';
import type { MessageRecord } from '../../../src/chat/message-record';
import type { RoomKind } from '../../../src/chat/room-ids';
import { decideMessage, decideRoom, type RoomAction, type RoomAccess } from '../../../src/chat/room.policy';

const owner = 'o'.repeat(24);
const member = 'm'.repeat(24);
const stranger = 's'.repeat(24);

function access(kind: RoomKind | 'none', roomId: string, who: string, { ownerId = owner as string | null } = {}): RoomAccess {
  if (kind === 'none') return { roomId };
  const room = { id: roomId, name: roomId, kind, ownerId: kind === 'direct' ? null : ownerId, createdAt: new Date(0) };
  const isMember = who === owner || who === member;
  return { roomId, room, ...(isMember ? { membership: { room: roomId, userId: who, lastReadSeq: 0, joinedAt: new Date(0) } } : {}) };
}

const ACTIONS: RoomAction[] = ['join', 'leave', 'read', 'post', 'manage'];
const outcome = (fn: () => void): string => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('decideRoom', () => {
  it('answers a non-member of a private or direct room exactly as for a room that does not exist', () => {
    for (const action of ACTIONS) {
      const nowhere = outcome(() => decideRoom(action, access('none', 'prv:' + 'f'.repeat(24), stranger), stranger));
      expect(nowhere).toBe('room_not_found');
      expect(outcome(() => decideRoom(action, access('private', 'prv:' + 'a'.repeat(24), stranger), stranger))).toBe(nowhere);
      expect(outcome(() => decideRoom(action, access('direct', 'dm:' + 'a'.repeat(24), stranger), stranger))).toBe(nowhere);
    }
  });

  it('treats a public address nobody created as an empty public room', () => {
    const results = ACTIONS.map((action) => outcome(() => decideRoom(action, access('none', 'general', stranger), stranger)));
    expect(results).toEqual(['ok', 'ok', 'not_member', 'not_member', 'room_not_found']);
  });

  it('lets anyone join a public room but only members read and post', () => {
    const results = ACTIONS.map((action) => outcome(() => decideRoom(action, access('public', 'general', stranger), stranger)));
    expect(results).toEqual(['ok', 'ok', 'not_member', 'not_member', 'not_owner']);
  });

  it('lets members of a private room read, post and leave, and only its owner manage it', () => {
    const room = 'prv:' + 'a'.repeat(24);
    expect(ACTIONS.map((action) => outcome(() => decideRoom(action, access('private', room, member), member)))).toEqual([
      'ok',
      'ok',
      'ok',
      'ok',
      'not_owner',
    ]);
    expect(outcome(() => decideRoom('manage', access('private', room, owner), owner))).toBe('ok');
    expect(() => decideRoom('leave', access('private', room, owner), owner)).toThrow(OwnerCannotLeaveError);
  });

  it('fixes a direct room: no leave, no manage, for either member', () => {
    const room = access('direct', 'dm:' + 'a'.repeat(24), member);
    expect(() => decideRoom('leave', room, member)).toThrow(DirectRoomFixedError);
    expect(() => decideRoom('manage', room, member)).toThrow(DirectRoomFixedError);
    expect(() => decideRoom('post', room, member)).not.toThrow();
  });

  it('refuses to manage an unowned public room', () => {
    expect(() => decideRoom('manage', access('public', 'general', member, { ownerId: null }), member)).toThrow(NotOwnerError);
    expect(() => decideRoom('read', access('none', 'x', member), member)).toThrow(NotMemberError);
    expect(() => decideRoom('manage', access('none', 'x', member), member)).toThrow(RoomNotFoundError);
  });
});

describe('decideMessage', () => {
  const sent = new Date('2026-01-01T00:00:00.000Z');
  const message: MessageRecord = { id: '1'.repeat(24), room: 'general', seq: 1, authorId: member, text: 'hi', createdAt: sent };
  const at = (seconds: number) => new Date(sent.getTime() + seconds * 1000);

  it('lets the author edit and delete up to the end of the window, and not a moment later', () => {
    for (const action of ['edit', 'delete'] as const) {
      expect(() => decideMessage(action, message, { id: member, isAdmin: false }, at(900), 900)).not.toThrow();
      expect(() => decideMessage(action, message, { id: member, isAdmin: false }, at(900.001), 900)).toThrow(EditWindowClosedError);
    }
  });

  it('refuses others, and lets an admin delete (never edit) any message at any time', () => {
    expect(() => decideMessage('edit', message, { id: stranger, isAdmin: false }, at(1), 900)).toThrow(NotAuthorError);
    expect(() => decideMessage('delete', message, { id: stranger, isAdmin: false }, at(1), 900)).toThrow(NotAuthorError);
    expect(() => decideMessage('delete', message, { id: stranger, isAdmin: true }, at(1e6), 900)).not.toThrow();
    expect(() => decideMessage('edit', message, { id: stranger, isAdmin: true }, at(1), 900)).toThrow(NotAuthorError);
  });

  it('refuses to edit a tombstone', () => {
    const tombstone = { ...message, text: undefined, deletedAt: at(1) };
    expect(() => decideMessage('edit', tombstone, { id: member, isAdmin: false }, at(2), 900)).toThrow(MessageDeletedError);
  });
});
