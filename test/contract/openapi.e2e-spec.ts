import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3_1 } from 'openapi-types';
import { getMetadataArgsStorage } from 'routing-controllers';
import { parseRoutes } from 'routing-controllers-openapi';
import { HTTP_CONTROLLERS } from '../../src/app';
import { TOKEN_ERROR_CODES } from '../../src/auth/auth.errors';
import { apiRouteOf } from '../../src/common/openapi/api-route.decorator';
import { openApiPath } from '../../src/openapi/openapi-document';
import { useTestApp } from '../support/suite';

type Document = OpenAPIV3_1.Document;
type Responses = Record<string, OpenAPIV3_1.ResponseObject>;

describe('GET /openapi.json', () => {
  const t = useTestApp({ wipe: false });
  let document: Document;
  beforeAll(async () => {
    const res = await t.http
      .get('/openapi.json')
      .expect(200)
      .expect('Content-Type', /^application\/json/);
    document = res.body as Document;
  });

  // Every route routing-controllers knows, with its name for the failure message.
  const routes = () =>
    parseRoutes(getMetadataArgsStorage()).map((route) => ({
      route,
      name: `${route.action.target.name}.${route.action.method} (${route.action.type.toUpperCase()} ${openApiPath(route)})`,
    }));
  const operationOf = (path: string, method: string) =>
    (document.paths?.[path] as Record<string, OpenAPIV3_1.OperationObject> | undefined)?.[method];

  it('is a valid OpenAPI 3.1 document', async () => {
    // The validator dereferences in place: give it a copy.
    const api = (await SwaggerParser.validate(structuredClone(document))) as Document;
    expect(api.openapi).toBe('3.1.0');
  });

  it('is built from the registered controllers, this one included', () => {
    expect(HTTP_CONTROLLERS.length).toBeGreaterThan(5);
    expect(routes().length).toBeGreaterThanOrEqual(HTTP_CONTROLLERS.length);
  });

  it('describes every registered route with @ApiRoute (summary and its own error codes)', () => {
    const undescribed = routes()
      .filter(({ route }) => !apiRouteOf(route.action.target, route.action.method))
      .map(({ name }) => name);
    expect(undescribed).toEqual([]);
  });

  it('lists every registered route with a success response and problem+json error responses', () => {
    const problems: string[] = [];
    for (const { route, name } of routes()) {
      const operation = operationOf(openApiPath(route), route.action.type);
      if (!operation) {
        problems.push(`${name}: not in the document`);
        continue;
      }
      const responses = operation.responses as Responses;
      const success = Object.keys(responses).filter((status) => /^2\d\d$/.test(status));
      if (success.length !== 1) problems.push(`${name}: ${success.length} success responses`);
      for (const status of success) {
        const schemas = Object.values(responses[status]!.content ?? {}).map((media) => media.schema);
        if (status !== '204' && (schemas.length === 0 || schemas.some((schema) => !schema || Object.keys(schema).length === 0))) {
          problems.push(`${name}: ${status} has no response schema (add @ResponseSchema(SomeDto))`);
        }
      }
      const errors = Object.keys(responses).filter((status) => /^[45]\d\d$/.test(status));
      if (!errors.some((status) => status.startsWith('4')) && route.params.length > 0)
        problems.push(`${name}: takes input but lists no 4xx`);
      for (const status of errors) {
        const schema = responses[status]!.content?.['application/problem+json']?.schema as
          { allOf?: [unknown, { properties: { code: { enum: string[] } } }] } | undefined;
        if (!schema?.allOf?.[1]?.properties.code.enum.length) problems.push(`${name}: ${status} is not a problem+json with its codes`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('puts the Bearer and JWT schemes on protected routes, and no scheme on public ones', () => {
    expect(Object.keys(document.components?.securitySchemes ?? {}).sort()).toEqual(['bearer', 'jwt']);
    const me = operationOf('/users/me', 'get')!;
    expect(me.security).toEqual([{ bearer: [] }, { jwt: [] }]);
    expect(Object.keys(me.responses!)).toEqual(expect.arrayContaining(['200', '401']));
    const codes401 = (me.responses!['401'] as OpenAPIV3_1.ResponseObject).content!['application/problem+json']!.schema as {
      allOf: [unknown, { properties: { code: { enum: string[] } } }];
    };
    expect(codes401.allOf[1].properties.code.enum).toEqual([...TOKEN_ERROR_CODES].sort());
    expect(operationOf('/auth/login', 'post')!.security).toBeUndefined();
  });

  it('lists each route its own error codes, from its @ApiRoute table', () => {
    const register = operationOf('/users', 'post')!.responses as Responses;
    expect(register['409']!.description).toContain('email_taken');
    const history = operationOf('/rooms/{room}/messages', 'get')!;
    expect(Object.keys(history.responses!)).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
    expect((history.parameters as OpenAPIV3_1.ParameterObject[]).map((parameter) => `${parameter.in}:${parameter.name}`)).toEqual([
      'path:room',
      'query:before',
      'query:limit',
    ]);
  });

  it('gives the answers real schemas: PublicUser, token pairs, sessions, history pages', () => {
    const schemas = document.components!.schemas!;
    expect(schemas.PublicUserDto!.required).toEqual(expect.arrayContaining(['id', 'email', 'displayName', 'roles', 'createdAt']));
    expect(schemas.PublicUserDto!.additionalProperties).toBe(false);
    expect(Object.keys(schemas.LoginResultDto!.properties!)).toEqual(expect.arrayContaining(['accessToken', 'refreshToken', 'user']));
    expect(schemas.PublicSessionDto!.properties!.userAgent).toMatchObject({ type: ['string', 'null'] });
    expect(schemas.HistoryPageDto!.properties!.messages).toMatchObject({
      type: 'array',
      items: { $ref: '#/components/schemas/ChatMessageDto' },
    });
    // The configuration's class-validator classes are no part of the API.
    expect(Object.keys(schemas).filter((name) => /Config/.test(name))).toEqual([]);
  });
});
