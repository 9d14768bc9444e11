import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldAsyncApi } from '../../dev/fold-asyncapi';
import { ASYNCAPI_PATH } from '../../src/openapi/asyncapi-document';
import { parseAsyncApi, receivedEvents } from '../support/asyncapi';

// Deleted together with docs/asyncapi.rooms.pending.yaml once the chat branch is merged and the
// overlay folded in (see the overlay's header); test/contract/asyncapi.e2e-spec.ts takes over.
const PENDING = join(__dirname, '..', '..', 'docs', 'asyncapi.rooms.pending.yaml');

/** The @OnMessage events of the chat branch (its rooms.socket-controller.ts and chat.socket-controller.ts). */
const CHAT_BRANCH_EVENTS = [
  'auth:refresh',
  'clientEvent',
  'dm:open',
  'message:delete',
  'message:edit',
  'message:history',
  'message:send',
  'message:sync',
  'room:create',
  'room:delete',
  'room:invite',
  'room:join',
  'room:leave',
  'room:list',
  'room:read',
  'room:remove',
  'room:update',
  'typing',
];

describe('docs/asyncapi.rooms.pending.yaml (the chat branch, until it is merged)', () => {
  it('folds into docs/asyncapi.yaml as a valid AsyncAPI 3 document listing the chat branch events', async () => {
    const folded = foldAsyncApi(readFileSync(ASYNCAPI_PATH, 'utf8'), readFileSync(PENDING, 'utf8'));
    expect(receivedEvents(await parseAsyncApi(folded))).toEqual(CHAT_BRANCH_EVENTS);
    // The base's comments survive the fold.
    expect(folded).toContain('# The socket.io protocol of koa-jwt-chat');
  });
});
