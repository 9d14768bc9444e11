import { NotMemberError } from '../../../src/chat/chat-errors';
import { InvalidPayloadError } from '../../../src/realtime/realtime.errors';
import { answer, toAckError } from '../../../src/realtime/socket-ack';
import { TooManyRequestsError } from '../../../src/common/errors/app-error';
import type { Logger } from '../../../src/common/logger';

function fakeLogger() {
  const error = jest.fn();
  return { log: { error } as unknown as Logger, error };
}

describe('toAckError', () => {
  it('answers a known error with its code and message, without logging it', () => {
    const { log, error } = fakeLogger();
    expect(toAckError(new NotMemberError(), log, 'message:send')).toEqual({ code: 'not_member', message: 'Join the room first.' });
    expect(error).not.toHaveBeenCalled();
  });

  it('carries the field errors of an invalid payload', () => {
    const { log } = fakeLogger();
    const errors = [{ field: 'room', messages: ['bad'] }];
    expect(toAckError(new InvalidPayloadError(errors), log, 'room:join')).toEqual({
      code: 'invalid_payload',
      message: 'The request is invalid.',
      errors,
    });
  });

  it('turns the Retry-After of a rate limit into a number of seconds', () => {
    const { log } = fakeLogger();
    expect(toAckError(new TooManyRequestsError(2.2), log, 'message:send')).toEqual({
      code: 'rate_limited',
      message: expect.any(String),
      retryAfterSeconds: 3,
    });
  });

  it('maps a lost database like HTTP does (db_unavailable) and logs it', () => {
    const { log, error } = fakeLogger();
    const lost = Object.assign(new Error('gone'), { name: 'MongoNetworkError' });
    expect(toAckError(lost, log, 'message:history')).toMatchObject({ code: 'db_unavailable' });
    expect(error).toHaveBeenCalledWith({ err: lost, event: 'message:history' }, expect.any(String));
  });

  it('answers anything unknown generically and logs the error itself', () => {
    const { log, error } = fakeLogger();
    const bug = new TypeError('secret internals');
    expect(toAckError(bug, log, 'room:join')).toEqual({ code: 'internal_error', message: 'Something went wrong on our side.' });
    expect(error).toHaveBeenCalledWith({ err: bug, event: 'room:join' }, expect.any(String));
  });
});

describe('answer', () => {
  it('does not run a request sent without an ack', async () => {
    const work = jest.fn(async () => ({}));
    await answer(undefined, fakeLogger().log, 'room:join', work);
    expect(work).not.toHaveBeenCalled();
  });

  it('runs the work of an optional-ack event sent without an ack, and drops its expected errors', async () => {
    const { log, error } = fakeLogger();
    const work = jest.fn(async () => {
      throw new NotMemberError();
    });
    await answer(undefined, log, 'typing', work, { optionalAck: true });
    expect(work).toHaveBeenCalledTimes(1);
    expect(error).not.toHaveBeenCalled();
  });

  it('acks an optional-ack event when an ack is given', async () => {
    const ack = jest.fn();
    await answer(ack, fakeLogger().log, 'typing', async () => ({}), { optionalAck: true });
    expect(ack).toHaveBeenCalledWith({ ok: true });
  });
});
