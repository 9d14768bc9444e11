import mongoose, { Types } from 'mongoose';
import { RoomMemberModel, membershipId } from '../../src/chat/room-member.model';
import { aChatClient, join, send } from '../fixtures/chat';
import { request } from '../support/sockets';
import { useTestApp } from '../support/suite';

/** Every filter mongoose sends to room_members while `work` runs. */
async function membershipQueries(work: () => Promise<unknown>): Promise<object[]> {
  const seen: object[] = [];
  mongoose.set('debug', (collection: string, method: string, filter: unknown) => {
    if (collection === 'room_members' && method.startsWith('find')) seen.push(filter as object);
  });
  try {
    await work();
  } finally {
    mongoose.set('debug', false);
  }
  return seen;
}

describe('room memberships: found by their primary key', () => {
  const t = useTestApp({ sockets: true });

  it("stores a membership under membershipId(room, user) and checks a member's send by that key alone", async () => {
    const alice = await aChatClient(t);
    await join(alice.socket, 'general');
    const stored = await RoomMemberModel.findOne({ room: 'general' }).lean();
    expect(stored?._id).toBe(membershipId('general', alice.user.id));

    const filters = await membershipQueries(() => send(alice.socket, 'general', 'hi'));
    expect(filters).toEqual([{ _id: membershipId('general', alice.user.id) }]);
  });

  it('still honours a membership stored before the key, and joining again does not duplicate it', async () => {
    const alice = await aChatClient(t);
    await join(alice.socket, 'general'); // creates the room
    // Rewritten as an older release stored it: an ObjectId key.
    await RoomMemberModel.collection.deleteMany({ room: 'general' });
    await RoomMemberModel.collection.insertOne({
      _id: new Types.ObjectId(),
      room: 'general',
      user: new Types.ObjectId(alice.user.id),
      lastReadSeq: 0,
      joinedAt: new Date(),
    });

    await expect(send(alice.socket, 'general', 'still here')).resolves.toMatchObject({ id: expect.any(String) });
    const again = await request(alice.socket, 'room:join', { room: 'general' });
    expect(again).toMatchObject({ ok: true });
    expect(await RoomMemberModel.countDocuments({ room: 'general' })).toBe(1);
  });

  it('refuses a send from someone who never joined', async () => {
    const [alice, mallory] = [await aChatClient(t), await aChatClient(t)];
    await join(alice.socket, 'general');
    const ack = await request(mallory.socket, 'message:send', { room: 'general', text: 'let me in' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'not_member' } });
  });
});
