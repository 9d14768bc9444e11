import type { OpenAPIV3_1 } from 'openapi-types';
import supertest from 'supertest';
import { checkedAgent, OpenApiContract, unchecked } from '../support/contract';
import { useLoggedInUser, useTestApp } from '../support/suite';

/**
 * The hook every e2e suite runs through (support/test-app.ts): a response the served document
 * does not describe fails the request. Checked here against deliberately broken copies of it.
 */
describe('the response contract of the e2e HTTP helper', () => {
  const t = useTestApp();
  const user = useLoggedInUser(t);
  let served: OpenAPIV3_1.Document;
  beforeAll(async () => (served = (await t.http.get('/openapi.json').expect(200)).body as OpenAPIV3_1.Document));

  /** An agent on the real app, checked against the served document after `edit`. */
  function agentAgainst(edit: (document: OpenAPIV3_1.Document) => void) {
    const document = structuredClone(served);
    edit(document);
    return checkedAgent(supertest(t.app.server), new OpenApiContract(document));
  }
  const me = (document: OpenAPIV3_1.Document) => document.paths!['/users/me']!.get!;

  it('passes responses the served document describes', async () => {
    await t.http.get('/users/me').set('Authorization', `Bearer ${user.accessToken}`).expect(200);
    await t.http.get('/users/me').expect(401);
    await t.http.get('/no/such/route').expect(404);
  });

  it('fails a response whose status the document does not list for its route', async () => {
    const http = agentAgainst((document) => delete me(document).responses!['401']);
    await expect(http.get('/users/me').then()).rejects.toThrow(
      /GET \/users\/me \(UsersController\.me\) answered 401, which \/openapi\.json does not list/,
    );
  });

  it('fails a body that does not match the schema of its status', async () => {
    const http = agentAgainst((document) => {
      const schema = document.components!.schemas!.PublicUserDto!;
      schema.required = [...(schema.required ?? []), 'nickname'];
    });
    const request = http.get('/users/me').set('Authorization', `Bearer ${user.accessToken}`);
    await expect(request.then()).rejects.toThrow(/GET \/users\/me .* 200 application\/json does not match \/openapi\.json: .*nickname/);
  });

  it('fails an error code the route does not list', async () => {
    const http = agentAgainst((document) => {
      const schema = (me(document).responses!['401'] as OpenAPIV3_1.ResponseObject).content!['application/problem+json']!
        .schema as OpenAPIV3_1.SchemaObject;
      (schema.allOf![1] as { properties: { code: { enum: string[] } } }).properties.code.enum = ['token_expired'];
    });
    await expect(http.get('/users/me').then()).rejects.toThrow(/401 application\/problem\+json does not match/);
  });

  it('lets a request marked unchecked() through', async () => {
    const http = agentAgainst((document) => delete me(document).responses!['401']);
    await unchecked(http.get('/users/me')).expect(401);
  });
});
