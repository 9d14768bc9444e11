import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/common/logger';
import { aChatClient, join } from '../fixtures/chat';
import { useTestApp } from '../support/suite';
import { waitForEvent } from '../support/sockets';

/** Every line the app logs, parsed. */
const lines: Record<string, unknown>[] = [];
const destination = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(
      ...chunk
        .toString()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    );
    done();
  },
});
const requestLines = (requestId: string) => lines.filter((line) => line.msg === 'request' && line.requestId === requestId);

describe('request and socket logs', () => {
  const t = useTestApp({ logger: createLogger('info', destination), sockets: true });

  it('writes one JSON line per request: id, method, route pattern, status, duration and user id', async () => {
    const chatter = await aChatClient(t);
    const room = `log-${randomUUID().slice(0, 8)}`;
    await join(chatter.socket, room);
    const res = await t.http
      .get(`/rooms/${room}/messages?limit=5`)
      .set('Authorization', `Bearer ${chatter.user.accessToken}`)
      .set('X-Request-Id', 'lb-42')
      .expect(200);
    expect(res.headers['x-request-id']).toBe('lb-42');

    const [line, ...more] = requestLines('lb-42');
    expect(more).toEqual([]);
    expect(line).toEqual({
      level: 30,
      time: expect.any(Number),
      requestId: 'lb-42',
      method: 'GET',
      route: '/rooms/:room/messages',
      status: 200,
      durationMs: expect.any(Number),
      userId: chatter.user.id,
      msg: 'request',
    });
    expect(JSON.stringify(lines)).not.toContain(chatter.user.accessToken);
  });

  it('logs unauthenticated and unmatched requests without a user id, under the unmatched route', async () => {
    const res = await t.http.get(`/users/${randomUUID()}/nothing-here`).expect(404);
    const [line] = requestLines(res.headers['x-request-id'] as string);
    expect(line).toMatchObject({ method: 'GET', route: 'unmatched', status: 404 });
    expect(line).not.toHaveProperty('userId');
  });

  it('never writes a password, a token or an Authorization header, however deep', async () => {
    const res = await t.http.post('/auth/login').send({ email: 'nobody@example.test', password: 'not-logged-anywhere-123' });
    expect(res.status).toBe(401);
    expect(JSON.stringify(lines)).not.toContain('not-logged-anywhere-123');
  });

  it('logs socket connections and disconnections with user, session and reason', async () => {
    const chatter = await aChatClient(t);
    const connected = lines.find((line) => line.msg === 'socket connected' && line.userId === chatter.user.id);
    expect(connected).toMatchObject({ userId: chatter.user.id, sessionId: expect.any(String), socketId: chatter.socket.id });

    const gone = waitForEvent(chatter.socket, 'disconnect');
    chatter.socket.disconnect();
    await gone;
    // The server hears of it a moment later: wait for its line, not for a fixed time.
    await new Promise<void>((resolve) => {
      const check = () =>
        lines.some((line) => line.msg === 'socket disconnected' && line.userId === chatter.user.id) ? resolve() : setImmediate(check);
      check();
    });
    const disconnected = lines.find((line) => line.msg === 'socket disconnected' && line.userId === chatter.user.id);
    expect(disconnected).toMatchObject({ sessionId: connected!.sessionId, reason: 'client namespace disconnect' });
  });
});
