import type { Server } from 'socket.io';
import pino from 'pino';
import { SocketRevocationListener } from '../../../src/realtime/socket-revocation.listener';
import { RevocationEvents } from '../../../src/security/revocation-events';

function fakeIo() {
  const disconnected: string[] = [];
  const io = { in: (room: string) => ({ disconnectSockets: (close: boolean) => close && disconnected.push(room) }) };
  return { io: io as unknown as Server, disconnected };
}

describe('SocketRevocationListener', () => {
  it('disconnects the user room on userRevoked and the session room on sessionRevoked', () => {
    const events = new RevocationEvents();
    const { io, disconnected } = fakeIo();
    new SocketRevocationListener(events, io, pino({ level: 'silent' })).start();
    events.emit('userRevoked', 'u1');
    events.emit('sessionRevoked', 'u1', 's1');
    expect(disconnected).toEqual(['user:u1', 'session:s1']);
  });

  it('stops listening on stop(), so a closed app leaves nothing subscribed', () => {
    const events = new RevocationEvents();
    const { io, disconnected } = fakeIo();
    const listener = new SocketRevocationListener(events, io, pino({ level: 'silent' }));
    listener.start();
    listener.stop();
    events.emit('userRevoked', 'u1');
    expect(disconnected).toEqual([]);
    expect(events.listenerCount('userRevoked') + events.listenerCount('sessionRevoked')).toBe(0);
  });
});
