/**
 * socket.io rooms the transport uses to reach every connection of a user or of a session, on any
 * instance. Feature rooms must use their own prefix (chat uses `room:`), so a client can never
 * join one of these or socket.io's own per-socket rooms.
 */
export const userRoom = (userId: string): string => `user:${userId}`;
export const sessionRoom = (sessionId: string): string => `session:${sessionId}`;
