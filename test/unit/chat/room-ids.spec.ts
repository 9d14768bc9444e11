import { isPublicRoomId, newDirectRoomId, newPrivateRoomId, ROOM_ID_PATTERN, roomKey } from '../../../src/chat/room-ids';

describe('room ids', () => {
  it('keeps the three kinds apart: an address never contains ":"', () => {
    for (const id of ['general', 'a', 'r-1_x', newPrivateRoomId(), newDirectRoomId()]) expect(ROOM_ID_PATTERN.test(id)).toBe(true);
    expect(isPublicRoomId(newPrivateRoomId())).toBe(false);
    expect(isPublicRoomId(newDirectRoomId())).toBe(false);
    for (const id of ['General', '-x', 'prv:xyz', 'dm:' + 'A'.repeat(24), 'pub:general', 'a'.repeat(65)])
      expect(ROOM_ID_PATTERN.test(id)).toBe(false);
  });

  it('gives a pair of users one direct key whichever of them asks', () => {
    const [ann, bob] = ['a'.repeat(24), 'b'.repeat(24)];
    expect(roomKey('direct', ann, bob)).toBe(roomKey('direct', bob, ann));
    expect(roomKey('direct', ann, bob)).toBe(`dm:${ann}:${bob}`);
    expect(roomKey('public', 'general')).not.toBe(roomKey('private', 'general'));
  });
});
