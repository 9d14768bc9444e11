/**
 * socket.io room names. Chat rooms get a prefix so a client can never join a room that socket.io
 * or this service uses internally (every socket's own id room, `user:<id>`, `session:<id>`).
 */
export const chatRoom = (name: string): string => `room:${name}`;
export const userRoom = (userId: string): string => `user:${userId}`;
export const sessionRoom = (sessionId: string): string => `session:${sessionId}`;

/** The chat room names among a socket's rooms. */
export function chatRoomNames(rooms: Iterable<string>): string[] {
  return [...rooms].filter((room) => room.startsWith('room:')).map((room) => room.slice('room:'.length));
}
