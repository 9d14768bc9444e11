import { runInNewContext } from 'node:vm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  BadRequestError,
  ForbiddenError,
  HttpError,
  InternalServerError,
  MethodNotAllowedError,
  UnauthorizedError,
} from 'routing-controllers';
import { TokenError } from '../../../../src/auth/auth.errors';
import { AppError, ServiceUnavailableError, TooManyRequestsError } from '../../../../src/common/errors/app-error';
import { toProblem } from '../../../../src/common/errors/to-problem';
import { STRICT_VALIDATION } from '../../../../src/common/validation/validator-options';
import { CreateUserDto } from '../../../../src/users/dto/create-user.dto';
import { EmailTakenError } from '../../../../src/users/users.errors';

/** What routing-controllers throws when a @Body() fails validation. */
function routingValidationError(body: object): HttpError {
  const errors = validateSync(plainToInstance(CreateUserDto, body), STRICT_VALIDATION);
  return Object.assign(new BadRequestError("Invalid body, check 'errors' property for more info."), { errors });
}

const GENERIC_500 = {
  type: 'about:blank',
  title: 'Internal Server Error',
  status: 500,
  detail: 'Something went wrong on our side.',
  code: 'internal_error',
};

describe('toProblem', () => {
  describe('AppError', () => {
    it('maps status, code and message into an RFC 9457 problem, as an expected error', () => {
      expect(toProblem(new EmailTakenError())).toEqual({
        problem: {
          type: 'about:blank',
          title: 'Conflict',
          status: 409,
          detail: 'An account with this email already exists.',
          code: 'email_taken',
        },
        headers: {},
        expected: true,
      });
    });

    it('keeps the token error code', () => {
      expect(toProblem(new TokenError('token_expired')).problem).toMatchObject({
        status: 401,
        title: 'Unauthorized',
        code: 'token_expired',
      });
    });

    it('sets Retry-After for a 429, rounded up to whole seconds', () => {
      const { problem, headers } = toProblem(new TooManyRequestsError(1.2));
      expect(problem).toMatchObject({ status: 429, code: 'rate_limited' });
      expect(headers).toEqual({ 'Retry-After': '2' });
    });

    it('keeps the code and message of a 503 but marks it unexpected, so it is logged', () => {
      const mapped = toProblem(new ServiceUnavailableError('db_unavailable', 'The database is unreachable.'));
      expect(mapped.problem).toMatchObject({ status: 503, code: 'db_unavailable', detail: 'The database is unreachable.' });
      expect(mapped.expected).toBe(false);
    });

    it('gives a status without a known title a generic one', () => {
      expect(toProblem(new AppError(418, 'teapot', 'Short and stout.')).problem.title).toBe('Error');
    });
  });

  describe('validation errors', () => {
    it('becomes 400 validation_failed listing { field, messages } per field, never the values', () => {
      const { problem, expected } = toProblem(
        routingValidationError({ email: 'secret-looking-value', password: 'hunter2', displayName: 'Ada', isAdmin: true }),
      );
      expect(expected).toBe(true);
      expect(problem).toMatchObject({ status: 400, code: 'validation_failed', title: 'Bad Request' });
      expect(problem.errors?.map((error) => error.field).sort()).toEqual(['email', 'isAdmin', 'password']);
      for (const error of problem.errors ?? []) {
        expect(Object.keys(error).sort()).toEqual(['field', 'messages']);
        expect(error.messages.length).toBeGreaterThan(0);
      }
      expect(JSON.stringify(problem)).not.toMatch(/secret-looking-value|hunter2|"value"|"target"/);
    });
  });

  describe('routing-controllers HttpErrors', () => {
    it.each([
      ['an UnauthorizedError', () => new UnauthorizedError('internal detail'), 401, 'token_missing'],
      ['a ForbiddenError (a role @Authorized refused)', () => new ForbiddenError('internal detail'), 403, 'forbidden'],
      ['MethodNotAllowedError', () => new MethodNotAllowedError(), 405, 'method_not_allowed'],
      ['a 404', () => new HttpError(404, 'internal detail about /secret/path'), 404, 'not_found'],
      ['a plain BadRequestError', () => new BadRequestError('internal parser detail'), 400, 'bad_request'],
    ])('maps %s to its status with a generic detail', (_label, make, status, code) => {
      const { problem, expected } = toProblem(make());
      expect(problem).toMatchObject({ status, code });
      expect(problem.detail).not.toMatch(/internal|secret/);
      expect(expected).toBe(true);
    });

    it('maps a 5xx HttpError to the generic 500', () => {
      expect(toProblem(new InternalServerError('stack details'))).toEqual({ problem: GENERIC_500, headers: {}, expected: false });
    });
  });

  describe('duplicate key errors', () => {
    it('becomes 409 without the driver message', () => {
      const driverError = Object.assign(
        new Error('E11000 duplicate key error collection: app.users index: email_1 dup key: { email: "a@b.test" }'),
        {
          name: 'MongoServerError',
          code: 11000,
        },
      );
      const { problem, expected } = toProblem(driverError);
      expect(problem).toMatchObject({ status: 409, title: 'Conflict', code: 'duplicate' });
      expect(JSON.stringify(problem)).not.toMatch(/E11000|email_1|a@b\.test|MongoServerError/);
      expect(expected).toBe(true);
    });
  });

  describe('an unreachable database', () => {
    it.each([
      ['server selection', Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:27017'), { name: 'MongooseServerSelectionError' })],
      ['a network error', Object.assign(new Error('connection 3 to 10.0.0.5:27017 closed'), { name: 'MongoNetworkError' })],
      [
        'mongoose giving up on its queue',
        Object.assign(new Error('Operation `users.findOne()` buffering timed out after 10000ms'), { name: 'MongooseError' }),
      ],
    ])('maps %s to 503 db_unavailable without the driver message, logged as unexpected', (_label, thrown) => {
      const { problem, expected } = toProblem(thrown);
      expect(problem).toMatchObject({ status: 503, code: 'db_unavailable' });
      expect(JSON.stringify(problem)).not.toMatch(/10\.0\.0\.5|users\.findOne|Mongo/);
      expect(expected).toBe(false);
    });
  });

  describe('an unreachable database, as the driver reports it mid-outage', () => {
    it.each([
      ['a cleared pool', Object.assign(new Error('Connection pool for 10.0.0.5:27017 was cleared'), { name: 'MongoPoolClearedError' })],
      [
        'a client-side operation timeout',
        Object.assign(new Error('Timed out during server selection'), { name: 'MongoOperationTimeoutError' }),
      ],
      ['a raw socket error the driver let through', Object.assign(new Error('write ECONNRESET'), { code: 'ECONNRESET', syscall: 'write' })],
      ['a write after the database hung up', Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' })],
      [
        'a driver error wrapped as the cause of another',
        new Error('query failed', { cause: Object.assign(new Error('connection 3 closed'), { name: 'MongoNetworkError' }) }),
      ],
    ])('maps %s to 503 db_unavailable with Retry-After', (_label, thrown) => {
      const { problem, headers } = toProblem(thrown);
      expect(problem).toMatchObject({ status: 503, code: 'db_unavailable' });
      expect(Number(headers['Retry-After'])).toBeGreaterThan(0);
    });
  });

  describe('anything else', () => {
    it.each([
      ['an Error with internals in its message', new Error('connect ECONNREFUSED mongodb://admin:pw@db:27017')],
      ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'id')")],
      ['a thrown string', 'argon2 failed'],
      ['undefined', undefined],
      ['null', null],
      ['an object with a code that is not 11000', { code: 'ECONNRESET', message: 'socket hang up' }],
    ])('maps %s to a generic 500 marked unexpected', (_label, thrown) => {
      expect(toProblem(thrown)).toEqual({ problem: GENERIC_500, headers: {}, expected: false });
    });
  });
});

describe('toProblem: errors made in another realm', () => {
  it("maps Node's EPIPE from a closed database socket to 503 even though its Error is not this realm's", () => {
    // Node core builds its socket errors with its own Error; under a sandbox (jest's, a vm context)
    // that is another class than the code's, so `instanceof Error` is false for them.
    const foreign: unknown = runInNewContext(
      "Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' })",
    );
    expect(foreign instanceof Error).toBe(false);
    const mapped = toProblem(foreign);
    expect(mapped.problem).toMatchObject({ status: 503, code: 'db_unavailable' });
    expect(mapped.headers['Retry-After']).toBeDefined();
  });
});
