import type { ChatMessage } from '../../../client/src/chat-types';
import { MessageStore } from '../../../client/src/message-store';

function aMessage(seq: number, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: `m${seq}`,
    room: 'general',
    seq,
    text: `text ${seq}`,
    author: { id: 'u1', displayName: 'Ann' },
    createdAt: '2026-01-01T10:00:00.000Z',
    ...extra,
  };
}

describe('MessageStore (browser client)', () => {
  it('keeps each message once, in seq order, however the pages and live events interleave', () => {
    const store = new MessageStore();
    expect(store.apply(aMessage(4))).toEqual({ change: 'added', index: 0 }); // live
    expect(store.apply(aMessage(3))).toEqual({ change: 'added', index: 0 }); // history, newest first
    expect(store.apply(aMessage(1))).toEqual({ change: 'added', index: 0 });
    expect(store.apply(aMessage(2))).toEqual({ change: 'added', index: 1 });
    expect(store.apply(aMessage(4))).toEqual({ change: 'none' }); // again from a sync page
    expect(store.size).toBe(4);
    expect(store.newest?.seq).toBe(4);
  });

  it('takes an edit or a tombstone over the older state, never the other way round', () => {
    const store = new MessageStore();
    store.apply(aMessage(1));
    const edited = aMessage(1, { text: 'edited', editedAt: '2026-01-01T10:01:00.000Z' });
    expect(store.apply(edited)).toEqual({ change: 'replaced', index: 0 });
    expect(store.apply(aMessage(1))).toEqual({ change: 'none' }); // a stale history page
    const tombstone = aMessage(1, { text: undefined, deleted: true, deletedAt: '2026-01-01T10:02:00.000Z' });
    expect(store.apply(tombstone)).toEqual({ change: 'replaced', index: 0 });
    expect(store.apply(edited)).toEqual({ change: 'none' });
    expect(store.get(1)?.deleted).toBe(true);
  });

  it('syncs from the end of the unbroken run, so a live message that skipped ahead leaves the gap to fill', () => {
    const store = new MessageStore();
    expect(store.syncFrom).toBe(0);
    for (const seq of [51, 52, 53]) store.apply(aMessage(seq));
    expect(store.syncFrom).toBe(53);
    store.apply(aMessage(57));
    expect(store.syncFrom).toBe(53);
    for (const seq of [54, 55, 56]) store.apply(aMessage(seq));
    expect(store.syncFrom).toBe(57);
  });
});
