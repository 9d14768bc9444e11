import type { Socket } from 'socket.io';
import { TokenExpiryTimers } from '../../../src/realtime/token-expiry.timers';

function fakeSocket(id = 's1') {
  const socket = { id, emit: jest.fn(), disconnect: jest.fn() };
  return { socket: socket as unknown as Socket, emit: socket.emit, disconnect: socket.disconnect };
}

describe('TokenExpiryTimers', () => {
  const now = Date.parse('2026-01-01T00:00:00.000Z');
  beforeEach(() => jest.useFakeTimers({ now }));
  afterEach(() => jest.useRealTimers());

  it('emits auth:expired with the expiry time and disconnects exactly at expiresAt', () => {
    const { socket, emit, disconnect } = fakeSocket();
    new TokenExpiryTimers().arm(socket, now + 2_000);
    jest.advanceTimersByTime(1_999);
    expect(emit).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(emit).toHaveBeenCalledWith('auth:expired', { expiredAt: new Date(now + 2_000).toISOString() });
    expect(disconnect).toHaveBeenCalledWith(true);
  });

  it('replaces the earlier timer when re-armed (auth:refresh), so the old expiry passes unnoticed', () => {
    const { socket, emit } = fakeSocket();
    const timers = new TokenExpiryTimers();
    timers.arm(socket, now + 2_000);
    timers.arm(socket, now + 900_000);
    jest.advanceTimersByTime(899_999);
    expect(emit).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(emit).toHaveBeenCalledTimes(1);
  });

  it('expires a token that is already past at once', () => {
    const { socket, disconnect } = fakeSocket();
    new TokenExpiryTimers().arm(socket, now - 5_000);
    jest.advanceTimersByTime(0);
    expect(disconnect).toHaveBeenCalledTimes(1);
  });

  it('does not fire early for an expiry beyond what setTimeout can hold', () => {
    const { socket, emit } = fakeSocket();
    new TokenExpiryTimers().arm(socket, now + 2 ** 31 + 60_000);
    jest.advanceTimersByTime(60_000);
    expect(emit).not.toHaveBeenCalled();
  });

  it('forgets a socket on clear() and every socket on clearAll()', () => {
    const one = fakeSocket('s1');
    const two = fakeSocket('s2');
    const three = fakeSocket('s3');
    const timers = new TokenExpiryTimers();
    timers.arm(one.socket, now + 1_000);
    timers.clear('s1');
    timers.arm(two.socket, now + 1_000);
    timers.arm(three.socket, now + 1_000);
    timers.clearAll();
    jest.advanceTimersByTime(10_000);
    for (const { emit } of [one, two, three]) expect(emit).not.toHaveBeenCalled();
  });
});
