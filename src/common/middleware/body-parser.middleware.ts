import type { Middleware } from 'koa';
import koaBodyParser from 'koa-bodyparser';
import { scan } from 'secure-json-parse';
import typeis from 'type-is';
import { AppError, BadRequestError } from '../errors/app-error';

const ACCEPTED_TYPES = ['application/json', 'application/*+json', 'application/x-www-form-urlencoded'];

/**
 * Parses JSON and urlencoded bodies up to `limit`, and refuses everything else with a clear 4xx:
 * other media types (415), oversized bodies (413), malformed JSON (400), non-object bodies and
 * prototype-pollution keys (400). routing-controllers adds its own parser later; it sees the body
 * already parsed and leaves it alone.
 */
export function bodyParser(limit: string): Middleware[] {
  const requireAcceptedType: Middleware = async (ctx, next) => {
    // Content-Length: 0 is no body (fetch and superagent send it on a bare POST): nothing to refuse.
    if (typeis.hasBody(ctx.req) && ctx.request.length !== 0 && !ctx.is(ACCEPTED_TYPES)) {
      throw new AppError(415, 'unsupported_media_type', 'Send application/json or application/x-www-form-urlencoded.');
    }
    await next();
  };

  const parse = koaBodyParser({
    enableTypes: ['json', 'form'],
    // Parse every JSON type requireAcceptedType lets through, not only koa-bodyparser's short list.
    extendTypes: { json: ['application/*+json'] },
    jsonLimit: limit,
    formLimit: limit,
    strict: true,
    onerror: (error: unknown) => {
      throw toBodyError(error);
    },
  });

  const requirePlainObject: Middleware = async (ctx, next) => {
    const body: unknown = ctx.request.body;
    if (typeis.hasBody(ctx.req)) {
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new BadRequestError('malformed_body', 'The request body must be a JSON object.');
      }
      rejectPrototypeKeys(body);
      if (nestedDeeperThan(body, MAX_BODY_DEPTH)) throw new BadRequestError('malformed_body', 'The request body is nested too deeply.');
    }
    await next();
  };

  return [requireAcceptedType, parse, requirePlainObject];
}

// class-transformer recurses once per level: a 100kb body of brackets overflowed the stack (a 500).
const MAX_BODY_DEPTH = 32;

function nestedDeeperThan(body: object, limit: number): boolean {
  const pending: [unknown, number][] = [[body, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, depth] = next;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  return false;
}

function rejectPrototypeKeys(body: object): void {
  try {
    scan(body, { protoAction: 'error', constructorAction: 'error' });
  } catch {
    throw new BadRequestError('malformed_body', 'The request body contains a forbidden key.');
  }
}

/** raw-body and co-body errors mention internals; each gets a plain message instead. */
function toBodyError(error: unknown): AppError {
  const { status, type } = (error ?? {}) as { status?: number; type?: string };
  if (status === 413) return new AppError(413, 'payload_too_large', 'The request body is too large.');
  if (status === 415 || type === 'encoding.unsupported') {
    return new AppError(415, 'unsupported_media_type', 'The request body encoding is not supported.');
  }
  return new BadRequestError('malformed_body', 'The request body could not be parsed.');
}
