import { aChatClient, anotherTab, join, send } from '../fixtures/chat';
import { disconnectAll, request, waitForEvent } from '../support/sockets';
import { startTestApp, type TestApp } from '../support/test-app';

describe('chat limits', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ CHAT_RATE_LIMIT_POINTS: '3', CHAT_RATE_LIMIT_WINDOW_SECONDS: '60' })));
  afterAll(() => t.close());
  beforeEach(() => t.wipe());
  afterEach(() => disconnectAll());

  it('refuses message:send beyond the per-socket budget with rate_limited', async () => {
    const alice = await aChatClient(t);
    await join(alice.socket, 'general');
    for (let i = 0; i < 3; i += 1) await send(alice.socket, 'general', `message ${i}`);
    const ack = await request(alice.socket, 'message:send', { room: 'general', text: 'one too many' });
    expect(ack).toEqual({ ok: false, error: { code: 'rate_limited', message: expect.any(String), retryAfterSeconds: expect.any(Number) } });

    // The budget is per socket: another tab of the same user still has its own.
    const tab2 = await anotherTab(t, alice);
    await join(tab2.socket, 'general');
    await expect(send(tab2.socket, 'general', 'from the other tab')).resolves.toMatchObject({ id: expect.any(String) });
  });

  it('accepts the largest valid message within maxHttpBufferSize', async () => {
    const alice = await aChatClient(t);
    const room = `r${'x'.repeat(63)}`;
    await join(alice.socket, room);
    // Control characters travel as \u0001 in JSON: six bytes each, the worst case per character.
    const text = `a${'\u0001'.repeat(1998)}z`;
    const ack = await request(alice.socket, 'message:send', { room, text, clientMsgId: 'c'.repeat(64) });
    expect(ack).toMatchObject({ ok: true, message: { text } });
  });

  it('disconnects only the client that sends a payload above maxHttpBufferSize', async () => {
    const mallory = await aChatClient(t);
    const alice = await aChatClient(t);
    const bob = await aChatClient(t);
    await join(alice.socket, 'general');
    await join(bob.socket, 'general');
    const gone = waitForEvent<string>(mallory.socket, 'disconnect');
    mallory.socket.emit('message:send', { room: 'general', text: 'x'.repeat(1_000_000) });
    expect(await gone).toBe('transport close');

    const bobHears = waitForEvent<{ text: string }>(bob.socket, 'message:new');
    await send(alice.socket, 'general', 'unaffected');
    expect((await bobHears).text).toBe('unaffected');
  });
});
