import { MessageModel } from '../../src/chat/message.model';
import { aChatClient, join, send, usersInRoom } from '../fixtures/chat';
import { request, waitForEvent } from '../support/sockets';
import { useTestApp } from '../support/suite';

const invalidPayload = { ok: false, error: expect.objectContaining({ code: 'invalid_payload', message: expect.any(String) }) };
// An object with an own "__proto__" key, as JSON.parse builds it from hostile input.
const protoPayload = JSON.parse('{"room":"general","__proto__":{"polluted":true}}') as object;

const notObjects = [null, 42, 'general', true, [], [{ room: 'general' }]];
const badRooms = [
  {},
  { room: { $gt: '' } },
  { room: 'General' },
  { room: '-x' },
  { room: 'a'.repeat(65) },
  { room: 'a b' },
  { room: 'general', extra: 1 },
  protoPayload,
];
const badSends = [
  { room: 'general' },
  { room: 'general', text: '   ' },
  { room: 'general', text: 'x'.repeat(2001) },
  { room: 'general', text: 42 },
  { room: 'general', text: { $ne: '' } },
  { room: 'general', text: 'hi', clientMsgId: 'has space' },
  { room: 'general', text: 'hi', clientMsgId: { $ne: null } },
  { room: 'general', text: 'hi', author: 'someone-else' },
];
const badHistories = [
  { room: 'general', limit: 0 },
  { room: 'general', limit: 101 },
  { room: 'general', limit: '5' },
  { room: 'general', limit: 1.5 },
  { room: 'general', before: 'yesterday' },
  { room: 'general', before: { $gt: '' } },
];

describe('chat payload validation', () => {
  const t = useTestApp({ sockets: true });

  it.each([
    ['room:join', [...notObjects, ...badRooms]],
    ['room:leave', [...notObjects, ...badRooms]],
    ['typing', [...notObjects, ...badRooms]],
    ['message:send', [...notObjects, ...badRooms, ...badSends]],
    ['message:history', [...notObjects, ...badRooms, ...badHistories]],
    [
      'message:sync',
      [
        ...notObjects,
        ...badRooms.map((bad) => ({ afterSeq: 0, ...bad })),
        { room: 'general', afterSeq: -1 },
        { room: 'general', afterSeq: { $gt: 0 } },
      ],
    ],
    [
      'message:edit',
      [...notObjects, { room: 'general', seq: 1 }, { room: 'general', seq: { $gt: 0 }, text: 'x' }, { room: 'general', seq: 1, text: '' }],
    ],
    ['message:delete', [...notObjects, { room: 'general' }, { room: 'general', seq: -1 }, { room: 'General', seq: 1 }]],
    ['room:read', [...notObjects, { room: 'general' }, { room: 'general', seq: '1' }, { room: 'general', seq: null }]],
    [
      'room:create',
      [
        ...notObjects,
        {},
        { name: 'x' },
        { name: 'x', kind: 'secret' },
        { name: { $ne: '' }, kind: 'private' },
        { name: 'x'.repeat(65), kind: 'private' },
      ],
    ],
    ['room:invite', [...notObjects, { room: 'general' }, { room: 'general', userId: 'bob' }, { room: 'general', userId: { $ne: '' } }]],
    ['room:remove', [...notObjects, { room: 'general', userId: 42 }]],
    ['room:update', [...notObjects, { room: 'general' }, { room: 'general', name: '  ' }, { room: 'general', name: 7 }]],
    ['dm:open', [...notObjects, {}, { userId: 'me' }, { userId: { $gt: '' } }]],
    ['room:list', [...notObjects, { all: true }, protoPayload]],
    ['auth:refresh', [...notObjects, {}, { token: 42 }, { token: '' }, { token: { $ne: '' } }, { token: 'x'.repeat(5000) }]],
  ])('answers every invalid %s payload with invalid_payload', async (event, payloads) => {
    const { socket } = await aChatClient(t);
    await join(socket, 'general');
    for (const payload of payloads) {
      expect({ payload, ack: await request(socket, event, payload) }).toEqual({ payload, ack: invalidPayload });
    }
    expect(await MessageModel.countDocuments({})).toBe(0);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('answers an event with no payload at all with invalid_payload', async () => {
    const { socket } = await aChatClient(t);
    expect(await socket.timeout(2_000).emitWithAck('room:join')).toEqual(invalidPayload);
  });

  it('answers an event no controller handles with unknown_event, and the connection goes on', async () => {
    const { socket } = await aChatClient(t);
    for (const event of ['room:sync', 'message:sned', 'constructor', '__proto__']) {
      expect(await socket.timeout(2_000).emitWithAck(event, { room: 'general' })).toEqual({
        ok: false,
        error: { code: 'unknown_event', message: expect.any(String) },
      });
    }
    expect(await request(socket, 'room:join', { room: 'general' })).toMatchObject({ ok: true });
  });

  it('lists the offending fields, never the rejected values', async () => {
    const { socket } = await aChatClient(t);
    const ack = await request(socket, 'room:join', { room: 'SECRET-VALUE', extra: 'ANOTHER-SECRET' });
    expect(ack).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', errors: expect.arrayContaining([expect.objectContaining({ field: 'room' })]) },
    });
    expect(JSON.stringify(ack)).not.toMatch(/SECRET/);
  });

  it('drops request events that come without an ack callback', async () => {
    const { socket } = await aChatClient(t);
    socket.emit('room:join', { room: 'general' });
    socket.emit('message:send', { room: 'general', text: 'no ack' });
    // The next request is handled after the two above; by then neither may have had an effect.
    expect(await request(socket, 'message:send', { room: 'general', text: 'with ack' })).toMatchObject({
      ok: false,
      error: { code: 'not_member' },
    });
    expect(await MessageModel.countDocuments({})).toBe(0);
  });

  it('survives a flood of malformed and unknown events while other users chat on', async () => {
    const mallory = await aChatClient(t);
    const [alice, bob] = await usersInRoom(t, 'general', 2);
    await join(mallory.socket, 'general');

    const events = [
      'room:join',
      'room:leave',
      'message:send',
      'message:history',
      'typing',
      'auth:refresh',
      'clientEvent',
      'no-such-event',
      'disconnect_me',
    ];
    // `{ room: 'general' }` is bad only for message:send: for room:leave it is a valid request, and
    // a flood that makes Mallory leave (then maybe rejoin, within the join budget) would test timing.
    const garbage = [...notObjects, ...badRooms, ...badSends.filter((payload) => 'text' in payload), ...badHistories, undefined];
    for (let i = 0; i < 600; i += 1) {
      const event = events[i % events.length]!;
      const payload = garbage[i % garbage.length];
      if (i % 2 === 0) mallory.socket.emit(event, payload);
      else mallory.socket.emit(event, payload, 'not-a-function', () => undefined);
    }

    const bobHears = waitForEvent<{ text: string }>(bob.socket, 'message:new');
    await send(alice.socket, 'general', 'still working');
    expect((await bobHears).text).toBe('still working');
    await t.http.get('/health').expect(200);
    expect(await request(mallory.socket, 'message:history', { room: 'general' })).toMatchObject({ ok: true });
    expect(await MessageModel.countDocuments({})).toBe(1);
  });
});
