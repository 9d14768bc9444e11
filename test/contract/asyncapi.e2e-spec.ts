import { readFileSync } from 'node:fs';
import type { AsyncAPIDocumentInterface } from '@asyncapi/parser';
import { getMetadata } from 'socket-controllers/util/get-metadata';
import type { ControllerMetadata } from 'socket-controllers/types/ControllerMetadata';
import { SocketEventType } from 'socket-controllers/types/enums/SocketEventType';
import { parse } from 'yaml';
import { SOCKET_FEATURES } from '../../src/app';
import { TOKEN_ERROR_CODES } from '../../src/auth/auth.errors';
import { ASYNCAPI_PATH } from '../../src/openapi/asyncapi-document';
import { socketControllersOf } from '../../src/realtime/socket-server';
import { parseAsyncApi, receivedEvents } from '../support/asyncapi';
import { useTestApp } from '../support/suite';

/** The events the server handles: every @OnMessage of the controllers createSocketServer() registers. */
function handledEvents(): string[] {
  return socketControllersOf(SOCKET_FEATURES)
    .flatMap((controller) => Object.values(getMetadata<object, ControllerMetadata | undefined>(controller)?.actions ?? {}))
    .filter((action) => action.type === SocketEventType.MESSAGE)
    .map((action) => String((action.options as { name: unknown }).name))
    .sort();
}

describe('docs/asyncapi.yaml and GET /asyncapi.json', () => {
  const t = useTestApp({ wipe: false });
  let document: AsyncAPIDocumentInterface;
  beforeAll(async () => (document = await parseAsyncApi(readFileSync(ASYNCAPI_PATH, 'utf8'))));

  it('is a valid AsyncAPI 3 document', () => {
    expect(document.version()).toBe('3.0.0');
  });

  it('lists exactly the events the server handles, read from socket-controllers metadata', () => {
    expect(handledEvents().length).toBeGreaterThan(5);
    expect(receivedEvents(document)).toEqual(handledEvents());
  });

  it('gives every client event an ack with its success and its error shape', () => {
    for (const operation of document.operations().filter((candidate) => candidate.action() === 'receive')) {
      const acks = operation.reply()?.messages().all() ?? [];
      expect({ operation: operation.id(), acks: acks.length }).toEqual({ operation: operation.id(), acks: 1 });
      const payload = acks[0]!.payload()!.json() as { oneOf?: { properties?: { ok?: { const?: boolean } } }[]; properties?: object };
      // clientEvent only ever echoes; every other request can fail with an AckFailure.
      if (operation.id() !== 'receiveClientEvent') {
        expect(payload.oneOf?.map((shape) => shape.properties?.ok?.const)).toEqual([true, false]);
      }
    }
  });

  it('documents the handshake refusals and the ack errors with every token code', () => {
    type Enums = { enum?: string[]; properties?: { code: { enum: string[] } } };
    const schema = (name: string) => document.components().schemas().get(name)!.json() as Enums;
    const handshake = schema('ConnectErrorData').properties!.code.enum;
    expect(handshake).toEqual(expect.arrayContaining([...TOKEN_ERROR_CODES, 'too_many_connections', 'ambiguous_authorization']));
    // auth:refresh answers the token codes in its ack.
    expect(schema('AckErrorCode').enum).toEqual(expect.arrayContaining(TOKEN_ERROR_CODES));
    expect(document.servers().all()[0]!.security().length).toBeGreaterThan(0);
  });

  it('is served at GET /asyncapi.json as JSON, unchanged', async () => {
    const res = await t.http
      .get('/asyncapi.json')
      .expect(200)
      .expect('Content-Type', /^application\/json/);
    expect(res.body).toEqual(parse(readFileSync(ASYNCAPI_PATH, 'utf8')));
  });
});
