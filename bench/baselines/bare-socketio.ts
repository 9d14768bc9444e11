import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server } from 'socket.io';
import { serveJobs } from '../support/rpc';

/**
 * Baseline (c): bare socket.io on a plain HTTP server. No auth, no persistence, no validation,
 * no rate limit: it speaks just enough of the chat protocol (room:join, message:send with an
 * ack, message:new to the room) for the same load client to drive it and the app alike.
 */
const server = createServer();
const io = new Server(server);

io.on('connection', (socket) => {
  socket.on('room:join', (payload: { room: string }, ack: (reply: unknown) => void) => {
    void socket.join(payload.room);
    ack({ ok: true, room: payload.room, members: [] });
  });
  socket.on('message:send', (payload: { room: string; text: string }, ack: (reply: unknown) => void) => {
    const message = {
      id: randomUUID(),
      room: payload.room,
      text: payload.text,
      author: { id: socket.id, displayName: 'anonymous' },
      createdAt: new Date().toISOString(),
    };
    ack({ ok: true, message });
    io.to(payload.room).emit('message:new', message);
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => serveJobs({}));
process.once('SIGTERM', () => {
  void io.close();
  process.exit(0);
});
