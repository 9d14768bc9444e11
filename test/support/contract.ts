import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { OpenAPIV3_1 } from 'openapi-types';
import type supertest from 'supertest';
import type { Response, Test } from 'supertest';

type TestAgent = ReturnType<typeof supertest>;

const DOCUMENT_ID = 'urn:koa-jwt-chat:openapi';
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];

/**
 * Requests that are not the API: the browser client and Swagger UI (checked by their own tests).
 * OPTIONS is CORS preflight, answered by @koa/cors before any route (test/security/cors.e2e-spec.ts).
 */
const NOT_THE_API = /^\/(?:$|index\.html$|assets\/|docs(?:\/|$))/;
const UNCHECKED = Symbol('unchecked by the contract');

interface Operation {
  path: string;
  method: HttpMethod;
  operation: OpenAPIV3_1.OperationObject;
  pattern: RegExp;
  params: number;
}

/**
 * The served OpenAPI document as a response checker: every response must have a status the
 * document lists for its route and method, and a body valid against that status's schema.
 * Unknown routes may only answer with a problem document (404, 405...).
 */
export class OpenApiContract {
  private readonly ajv = addFormats(new Ajv2020({ strict: false, allErrors: true })).addFormat(
    // A JSON Schema format ajv-formats lacks: an email whose local part may be Unicode (RFC 6531).
    'idn-email',
    /^[^\s@]+@[^\s@]+$/u,
  );
  private readonly operations: Operation[] = [];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: OpenAPIV3_1.Document) {
    // The whole document as one schema resource, so #/components/schemas/... resolve inside it.
    this.ajv.addSchema(document as object, DOCUMENT_ID);
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const method of HTTP_METHODS) {
        const operation = item?.[method];
        if (!operation) continue;
        const params = (path.match(/\{[^}]+\}/g) ?? []).length;
        const pattern = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`);
        this.operations.push({ path, method, operation, pattern, params });
      }
    }
    // A literal path wins over a template that also matches it (/users/me before /users/{id}).
    this.operations.sort((a, b) => a.params - b.params);
  }

  /** Throws an Error describing how `response` breaks the contract; returns quietly when it keeps it. */
  check(method: string, url: string, response: Response): void {
    const path = new URL(url, 'http://localhost').pathname;
    const verb = method.toLowerCase();
    const lookup = verb === 'head' ? 'get' : verb;
    const found = this.operations.find((candidate) => candidate.method === lookup && candidate.pattern.test(path));
    const where = `${method.toUpperCase()} ${path}`;
    if (!found) return this.checkUnrouted(verb, path, where, response);

    const name = `${where} (${found.operation.operationId ?? found.path})`;
    const documented = found.operation.responses?.[String(response.status)] as OpenAPIV3_1.ResponseObject | undefined;
    if (!documented) {
      throw new Error(
        `${name} answered ${response.status}, which /openapi.json does not list (it lists ${Object.keys(found.operation.responses ?? {}).join(', ')}). Body: ${response.text}`,
      );
    }
    if (verb === 'head') return;
    const mediaTypes = Object.keys(documented.content ?? {});
    if (mediaTypes.length === 0) {
      if (response.text) throw new Error(`${name} answered ${response.status} with a body, but the document says it has none`);
      return;
    }
    const received = mediaTypeOf(response);
    const mediaType = mediaTypes.find((candidate) => mediaTypeOf(candidate) === received);
    if (!mediaType) throw new Error(`${name} answered ${response.status} as ${received}; the document says ${mediaTypes.join(' or ')}`);
    const pointer = `#/paths/${escapePointer(found.path)}/${found.method}/responses/${response.status}/content/${escapePointer(mediaType)}/schema`;
    this.validate(pointer, bodyOf(response), `${name} ${response.status} ${mediaType}`);
  }

  private checkUnrouted(verb: string, path: string, where: string, response: Response): void {
    if (NOT_THE_API.test(path) || verb === 'options') return;
    if (mediaTypeOf(response) !== 'application/problem+json' || response.status < 400) {
      throw new Error(
        `${where} is no route of /openapi.json, yet it answered ${response.status} ${mediaTypeOf(response)}: ${response.text}`,
      );
    }
    if (verb !== 'head') this.validate('#/components/schemas/Problem', response.body, `${where} (no route) ${response.status}`);
  }

  private validate(pointer: string, body: unknown, what: string): void {
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOCUMENT_ID}${pointer}` });
      this.validators.set(pointer, validate);
    }
    if (!validate(body)) {
      throw new Error(`${what} does not match /openapi.json: ${this.ajv.errorsText(validate.errors)}\nBody: ${JSON.stringify(body)}`);
    }
  }
}

/**
 * Wraps a supertest agent so that EVERY response it gets is checked against `contract` (see
 * OpenApiContract.check); a response that breaks it fails the request's promise, and so the test.
 * Tests that send deliberately broken protocol opt out per request with unchecked().
 */
export function checkedAgent(agent: TestAgent, contract: OpenApiContract): TestAgent {
  return new Proxy(agent, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || !(HTTP_METHODS as readonly (string | symbol)[]).concat('del').includes(property)) return value;
      return (...args: unknown[]) => {
        const test = (value as (...a: unknown[]) => Test).apply(target, args);
        return test.expect((response: Response) => {
          if (!(UNCHECKED in test)) contract.check(test.method, test.url, response);
        });
      };
    },
  });
}

/** Leaves this one request out of the contract check: for deliberately malformed protocol only. */
export function unchecked<T extends Test>(test: T): T {
  return Object.assign(test, { [UNCHECKED]: true });
}

function mediaTypeOf(value: Response | string): string {
  const header = typeof value === 'string' ? value : String(value.headers['content-type'] ?? '');
  return header.split(';')[0]!.trim().toLowerCase();
}

function bodyOf(response: Response): unknown {
  return /json/.test(mediaTypeOf(response)) ? (response.body as unknown) : response.text;
}

/** One reference token of a JSON Pointer (RFC 6901) in a URI fragment. */
function escapePointer(token: string): string {
  return encodeURIComponent(token.replace(/~/g, '~0').replace(/\//g, '~1'));
}
