import type { Server } from 'socket.io';
import type { Logger } from '../common/logger';
import { UnknownEventError } from './realtime.errors';
import { isAck, toAckError } from './socket-ack';

/**
 * Answers an event that no socket controller handles with an `unknown_event` error ack, when the
 * client asked for an ack: socket.io would otherwise drop it and leave the client waiting. Call
 * before the controllers are registered; it looks at the listeners when the event arrives, by
 * which time every controller of the connection has registered its own.
 */
export function answerUnknownEvents(io: Server, logger: Logger): void {
  io.on('connection', (socket) => {
    socket.onAny((event: string, ...args: unknown[]) => {
      if (socket.listenerCount(event) > 0) return;
      const ack = args[args.length - 1];
      if (isAck(ack)) ack({ ok: false, error: toAckError(new UnknownEventError(), logger, event) });
    });
  });
}
