/**
 * socket.io room names of chat rooms. The prefix keeps them apart from the rooms socket.io and
 * the realtime transport use internally (every socket's own id room, `user:<id>`, `session:<id>`).
 */
export const chatRoom = (name: string): string => `room:${name}`;

/** The chat room names among a socket's rooms. */
export function chatRoomNames(rooms: Iterable<string>): string[] {
  return [...rooms].filter((room) => room.startsWith('room:')).map((room) => room.slice('room:'.length));
}
