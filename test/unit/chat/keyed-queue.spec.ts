import { KeyedQueue } from '../../../src/chat/keyed-queue';

/** A promise the test settles by hand: ordering without timers. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('KeyedQueue', () => {
  it('runs the work of one key one at a time, in call order, even when an earlier one fails', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const first = gate();
    const a = queue.run('room', async () => {
      log.push('a start');
      await first.opened;
      log.push('a end');
      throw new Error('a failed');
    });
    const b = queue.run('room', async () => {
      log.push('b');
      return 'b done';
    });
    await Promise.resolve();
    expect(log).toEqual(['a start']);
    first.open();
    await expect(a).rejects.toThrow('a failed');
    await expect(b).resolves.toBe('b done');
    expect(log).toEqual(['a start', 'a end', 'b']);
  });

  it('does not hold one key up behind another', async () => {
    const queue = new KeyedQueue();
    const blocked = gate();
    const slow = queue.run('one', () => blocked.opened);
    await expect(queue.run('two', async () => 'free')).resolves.toBe('free');
    blocked.open();
    await slow;
  });
});
