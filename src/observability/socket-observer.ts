import type { Server, Socket } from 'socket.io';
import type { Logger } from '../common/logger';
import type { AppMetrics } from '../metrics/app-metrics';
import { socketData } from '../realtime/socket-data';

/**
 * Logs every authenticated connection and its end (user, session, reason) and lets the metrics
 * count open sockets. A listener beside socket-controllers' own: realtime/ is left as it is.
 */
export function observeSockets(io: Server, logger: Logger, metrics: AppMetrics): void {
  metrics.countSocketsWith(() => io.of('/').sockets.size);
  io.on('connection', (socket: Socket) => {
    // Read again at the end: auth:refresh may have moved the connection to another session.
    const fields = () => ({ socketId: socket.id, userId: socketData(socket).user.id, sessionId: socketData(socket).sessionId });
    logger.info({ ...fields(), transport: socket.conn.transport.name }, 'socket connected');
    socket.once('disconnect', (reason: string) => logger.info({ ...fields(), reason }, 'socket disconnected'));
  });
}
