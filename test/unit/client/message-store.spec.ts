import type { ChatMessage } from '../../../client/src/chat-types';
import { MessageStore } from '../../../client/src/message-store';

function aMessage(id: string, createdAt: string): ChatMessage {
  return { id, room: 'general', text: `text ${id}`, author: { id: 'u1', displayName: 'Ann' }, createdAt };
}

describe('MessageStore (browser client)', () => {
  it('keeps each message once, in server order, however the pages and live events interleave', () => {
    const store = new MessageStore();
    const m1 = aMessage('a1', '2026-01-01T10:00:00.000Z');
    const m2 = aMessage('a2', '2026-01-01T10:00:01.000Z');
    const m3 = aMessage('a3', '2026-01-01T10:00:01.000Z');
    const m4 = aMessage('a4', '2026-01-01T10:00:02.000Z');

    expect(store.add(m4)).toBe(0); // live
    expect(store.add(m3)).toBe(0); // history, newest first
    expect(store.add(m1)).toBe(0);
    expect(store.add(m2)).toBe(1); // same createdAt as m3: the id breaks the tie, as on the server
    expect(store.add(m4)).toBe(-1); // again from the gap fill
    expect(store.size).toBe(4);
    expect(store.newest).toBe(m4);
  });
});
