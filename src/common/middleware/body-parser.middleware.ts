import type { IncomingMessage } from 'node:http';
import type { Middleware } from 'koa';
import koaBodyParser from 'koa-bodyparser';
import typeis from 'type-is';
import { AppError, BadRequestError } from '../errors/app-error';
import { payloadShapeProblem } from '../validation/payload-shape';

const ACCEPTED_TYPES = ['application/json', 'application/*+json', 'application/x-www-form-urlencoded'];

/**
 * Parses JSON and urlencoded bodies up to `limit`, and refuses everything else with a clear 4xx:
 * other media types (415), oversized bodies (413), malformed JSON (400), non-object bodies,
 * prototype-member keys and absurd nesting (400, see payloadShapeProblem). routing-controllers adds its own parser later; it sees the body
 * already parsed and leaves it alone.
 */
export function bodyParser(limit: string): Middleware[] {
  const requireAcceptedType: Middleware = async (ctx, next) => {
    if (hasContent(ctx.req) && !ctx.is(ACCEPTED_TYPES)) {
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
    if (hasContent(ctx.req)) {
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new BadRequestError('malformed_body', 'The request body must be a JSON object.');
      }
      const problem = payloadShapeProblem(body);
      if (problem === 'forbidden_key') throw new BadRequestError('malformed_body', 'The request body contains a forbidden key.');
      if (problem === 'too_deep') throw new BadRequestError('malformed_body', 'The request body is nested too deeply.');
    }
    await next();
  };

  return [requireAcceptedType, parse, requirePlainObject];
}

/**
 * A body with bytes in it. `Content-Length: 0` (what fetch and curl send for a bodiless POST such
 * as /auth/logout-all) is no body at all, so it needs no media type.
 */
function hasContent(req: IncomingMessage): boolean {
  return typeis.hasBody(req) && req.headers['content-length'] !== '0';
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
