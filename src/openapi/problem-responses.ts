import type { ReferenceObject, ResponseObject, SchemaObject } from 'openapi3-ts';
import { TOKEN_ERROR_CODES } from '../auth/auth.errors';
import type { ErrorCodes } from '../common/openapi/api-route.decorator';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** The one error body (common/errors/to-problem.ts), as JSON Schema. */
export const PROBLEM_SCHEMAS: Record<string, SchemaObject> = {
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem document; `code` is the stable, machine-readable reason.',
    required: ['type', 'title', 'status', 'detail', 'code'],
    additionalProperties: false,
    properties: {
      type: { type: 'string' },
      title: { type: 'string' },
      status: { type: 'integer', minimum: 400, maximum: 599 },
      detail: { type: 'string' },
      code: { type: 'string', pattern: '^[a-z_]+$' },
      errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } },
    },
  },
  FieldError: {
    type: 'object',
    description: 'One invalid field and what is wrong with it (never the rejected value).',
    required: ['field', 'messages'],
    additionalProperties: false,
    properties: { field: { type: 'string' }, messages: { type: 'array', items: { type: 'string' } } },
  },
};

/** Refusals of the pipeline every route goes through, by what the route has. */
export const PIPELINE_ERRORS = {
  /** Anything unexpected: logged with its stack, answered generically. */
  every: { 500: ['internal_error'] },
  /**
   * The body parser (common/middleware/body-parser.middleware.ts), the DTO validation, and
   * routing-controllers' own refusals (a missing required body: bad_request).
   */
  body: { 400: ['validation_failed', 'malformed_body', 'bad_request'], 413: ['payload_too_large'], 415: ['unsupported_media_type'] },
  /** @Params / @QueryParams DTOs; routing-controllers refuses a value it cannot convert (`?limit=`) as bad_request. */
  validatedInput: { 400: ['validation_failed', 'bad_request'] },
  /** @Authorized(): the authorization checker reads the user from the database. */
  authorized: { 400: ['ambiguous_authorization'], 401: TOKEN_ERROR_CODES, 503: ['db_unavailable'] },
  /** @Authorized('role'). */
  roles: { 403: ['forbidden'] },
} satisfies Record<string, ErrorCodes>;

/** Merges tables of codes per status, without duplicates, statuses and codes in order. */
export function mergeErrorCodes(...tables: ErrorCodes[]): Map<number, string[]> {
  const merged = new Map<number, Set<string>>();
  for (const table of tables) {
    for (const [status, codes] of Object.entries(table)) {
      const set = merged.get(Number(status)) ?? new Set<string>();
      for (const code of codes ?? []) set.add(code);
      merged.set(Number(status), set);
    }
  }
  return new Map([...merged].sort(([a], [b]) => a - b).map(([status, codes]) => [status, [...codes].sort()]));
}

/** Throttling and unavailability may tell the client when to come back. */
const RETRY_STATUSES = new Set([429, 503]);

/** One status's response: the Problem schema narrowed to that status and its codes (an enum). */
export function problemResponse(status: number, codes: readonly string[]): ResponseObject {
  const narrowed: SchemaObject = {
    properties: { status: { const: status } as SchemaObject, code: { type: 'string', enum: [...codes] } },
  };
  const problem: ReferenceObject = { $ref: '#/components/schemas/Problem' };
  return {
    description: `Problem, \`code\` one of: ${codes.map((code) => `\`${code}\``).join(', ')}`,
    ...(RETRY_STATUSES.has(status)
      ? { headers: { 'Retry-After': { description: 'Seconds to wait, when given', schema: { type: 'integer' } } } }
      : {}),
    content: { [PROBLEM_MEDIA_TYPE]: { schema: { allOf: [problem, narrowed] } } },
  };
}
