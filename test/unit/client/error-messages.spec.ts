import { ApiError } from '../../../client/src/api';
import { describeError } from '../../../client/src/error-messages';

describe('describeError (browser client)', () => {
  it('tells a throttled person how long to wait, from Retry-After', () => {
    expect(describeError(new ApiError(429, 'login_throttled', 'Too many requests', 30))).toBe(
      'Too many failed attempts. Try again in 30 seconds.',
    );
    expect(describeError(new ApiError(429, 'login_throttled', 'Too many requests', 600))).toBe(
      'Too many failed attempts. Try again in 10 minutes.',
    );
    expect(describeError(new ApiError(400, 'rate_limited', 'Too many requests', 4))).toBe(
      'You are going too fast. Try again in 4 seconds.',
    );
  });

  it('names the field problems of a refused form', () => {
    const error = new ApiError(400, 'validation_failed', 'The request is invalid.', undefined, ['password: password is too weak']);
    expect(describeError(error)).toBe('Please check the form. password: password is too weak');
  });

  it('explains refused tokens, membership and an unreachable or failing server', () => {
    expect(describeError(new ApiError(401, 'token_revoked', 'x'))).toMatch(/Log in again/);
    expect(describeError(new ApiError(403, 'not_member', 'x'))).toMatch(/Join it first/);
    expect(describeError(new ApiError(0, 'network_error', 'x'))).toMatch(/cannot be reached/);
    expect(describeError(new ApiError(503, 'db_unavailable', 'x'))).toMatch(/temporarily unavailable/);
    expect(describeError(new ApiError(502, 'http_502', 'Bad Gateway'))).toMatch(/server had a problem/);
  });
});
