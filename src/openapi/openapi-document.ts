import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import type { OpenAPIObject, OperationObject, ParameterObject, ResponseObject, SchemaObject } from 'openapi3-ts';
import { getMetadataArgsStorage } from 'routing-controllers';
import { getFullPath, getOperation, parseRoutes, type IRoute } from 'routing-controllers-openapi';
import { apiRouteOf, type ClassType, type ErrorCodes } from '../common/openapi/api-route.decorator';
import { mergeErrorCodes, PIPELINE_ERRORS, PROBLEM_SCHEMAS, problemResponse } from './problem-responses';

export const SECURITY_SCHEMES = {
  bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: '`Authorization: Bearer <access token>` (RFC 6750)' },
  jwt: {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description: '`Authorization: JWT <access token>`, the scheme of the article this service grew from. Same tokens, same checks.',
  },
} as const;

/**
 * Builds the OpenAPI 3.1 document of `controllers` from routing-controllers' metadata (paths,
 * parameters, bodies: routing-controllers-openapi), the class-validator DTOs (schemas:
 * class-validator-jsonschema) and each route's @ApiRoute (summary, its own error codes). The
 * pipeline's refusals and the security of @Authorized routes are added here, from the metadata,
 * so a new route is documented as far as it can be without anyone remembering to.
 */
export function buildOpenApiDocument(controllers: readonly ClassType[]): OpenAPIObject {
  const schemas = dtoSchemas();
  const routes = parseRoutes(getMetadataArgsStorage()).filter((route) => controllers.includes(route.action.target));
  const paths: OpenAPIObject['paths'] = {};
  for (const route of routes) {
    const path = openApiPath(route);
    paths[path] = { ...paths[path], [route.action.type]: describe(route, schemas) };
  }
  const document: OpenAPIObject = {
    openapi: '3.1.0',
    info: {
      title: 'koa-jwt-chat',
      version: '1',
      description:
        'JWT authorization and an authenticated real-time chat. Every error is `application/problem+json` with a stable `code`; ' +
        'the socket protocol is described by the AsyncAPI document at [/asyncapi.json](/asyncapi.json).',
    },
    paths,
    components: { schemas: { ...PROBLEM_SCHEMAS, ...schemas }, securitySchemes: { ...SECURITY_SCHEMES } },
  };
  return pruneUnusedSchemas(document);
}

/**
 * The route's path as OpenAPI writes it (`/rooms/{room}`). `@Post('/')` on `@JsonController('/rooms')`
 * serves /rooms (the router ignores a trailing slash): document it so, not as /rooms/.
 */
export function openApiPath(route: IRoute): string {
  return getFullPath(route).replace(/(.)\/$/, '$1');
}

function describe(route: IRoute, schemas: Record<string, SchemaObject>): OperationObject {
  const operation = getOperation(route, schemas);
  const { target, method } = route.action;
  const roles = authorizedRoles(route);
  const kinds = new Set(route.params.map((param) => param.type));
  const tables: ErrorCodes[] = [PIPELINE_ERRORS.every, apiRouteOf(target, method)?.errors ?? {}];
  if (kinds.has('body')) tables.push(PIPELINE_ERRORS.body);
  if (kinds.has('params') || kinds.has('queries')) tables.push(PIPELINE_ERRORS.validatedInput);
  if (roles) tables.push(PIPELINE_ERRORS.authorized);
  if (roles && roles.length > 0) tables.push(PIPELINE_ERRORS.roles);

  for (const [status, codes] of mergeErrorCodes(...tables)) operation.responses[status] = problemResponse(status, codes);
  if (roles) operation.security = [{ bearer: [] }, { jwt: [] }];
  for (const [status, response] of Object.entries(operation.responses)) {
    // routing-controllers-openapi gives every success an (empty) body; a 204 has none.
    if (status === '204') operation.responses[status] = { description: response.description || 'No content' };
    else {
      response.description ||= 'Success';
      dropGuessedContent(response as ResponseObject);
    }
  }
  // An absent body is validated as {} and refused like an empty one: in effect, always required.
  if (operation.requestBody) operation.requestBody = { ...operation.requestBody, required: true };
  describePathParameters(operation, route, schemas);
  return operation;
}

/**
 * routing-controllers-openapi guesses the success media type (text/html for a plain @Controller);
 * when an @OpenAPI decorator states the real one with a schema, the empty guess must go.
 */
function dropGuessedContent(response: ResponseObject): void {
  const content = response.content ?? {};
  const described = Object.keys(content).filter((type) => Object.keys(content[type] ?? {}).length > 0);
  if (described.length === 0) return;
  for (const type of Object.keys(content)) if (!described.includes(type)) delete content[type];
}

/** The roles of @Authorized on the action or its controller; undefined when the route is public. */
function authorizedRoles(route: IRoute): string[] | undefined {
  const handlers = getMetadataArgsStorage().responseHandlers.filter(
    (handler) =>
      handler.type === 'authorized' &&
      handler.target === route.action.target &&
      (handler.method ?? route.action.method) === route.action.method,
  );
  if (handlers.length === 0) return undefined;
  return handlers.flatMap((handler) => (handler.value as string[] | string | undefined) ?? []);
}

/**
 * routing-controllers-openapi gives path parameters path-to-regexp's default pattern, which says
 * nothing: use the rules of the @Params() DTO where there is one, a plain string otherwise.
 */
function describePathParameters(operation: OperationObject, route: IRoute, schemas: Record<string, SchemaObject>): void {
  const meta = route.params.find((param) => param.type === 'params');
  const types = meta ? (Reflect.getMetadata('design:paramtypes', meta.object as object, route.action.method) as ClassType[]) : [];
  const properties = meta
    ? schemaOfClass((meta.explicitType as ClassType | undefined) ?? types[meta.index], schemas)?.properties
    : undefined;
  for (const parameter of (operation.parameters ?? []) as ParameterObject[]) {
    if (parameter.in === 'path') parameter.schema = properties?.[parameter.name] ?? { type: 'string' };
  }
}

/** A DTO that only extends another (RoomParamsDto) has no schema of its own: its parent's is it. */
function schemaOfClass(type: ClassType | undefined, schemas: Record<string, SchemaObject>): SchemaObject | undefined {
  for (let current = type; current && current !== Object; current = Object.getPrototypeOf(current) as ClassType | undefined) {
    if (schemas[current.name]) return schemas[current.name];
  }
  return undefined;
}

/**
 * Schemas of every class-validator class. Inputs are validated with forbidNonWhitelisted and
 * answers are built from field lists, so no schema allows properties it does not name.
 */
function dtoSchemas(): Record<string, SchemaObject> {
  const schemas = validationMetadatasToSchemas({
    refPointerPrefix: '#/components/schemas/',
    classTransformerMetadataStorage: defaultMetadataStorage,
  }) as Record<string, SchemaObject>;
  for (const schema of Object.values(schemas)) schema.additionalProperties ??= false;
  return schemas;
}

/**
 * class-validator also describes classes that are no API at all (the configuration slices):
 * keep only the schemas the paths reach.
 */
function pruneUnusedSchemas(document: OpenAPIObject): OpenAPIObject {
  const all = document.components?.schemas ?? {};
  const reached = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      const name = key === '$ref' && typeof child === 'string' ? child.replace('#/components/schemas/', '') : undefined;
      if (name !== undefined && !reached.has(name)) {
        reached.add(name);
        visit(all[name]);
      } else visit(child);
    }
  };
  visit(document.paths);
  const schemas = Object.fromEntries(Object.entries(all).filter(([name]) => reached.has(name)));
  return { ...document, components: { ...document.components, schemas } };
}
