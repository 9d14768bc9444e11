import type { Response } from 'supertest';

/**
 * Internals that must never reach a client: stack frames, driver and hashing details, and the
 * user document's private fields as keys (a validation error may name a field the client sent).
 */
const LEAKS = /\n\s+at |E11000|MongoServerError|MongoError|argon2|"(?:passwordHash|tokenVersion|__v|_id)"\s*:/;

/** Asserts that no response text carries an internal detail (see LEAKS). */
export function expectNoInternals(res: Response): void {
  expect(res.text ?? '').not.toMatch(LEAKS);
  expect(JSON.stringify(res.headers)).not.toMatch(LEAKS);
}

/** Asserts an RFC 9457 problem response with the given status and machine-readable code. */
export function expectProblem(res: Response, status: number, code: string): void {
  expect({ status: res.status, code: (res.body as { code?: unknown }).code }).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toEqual(
    expect.objectContaining({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String), code }),
  );
  expectNoInternals(res);
}
