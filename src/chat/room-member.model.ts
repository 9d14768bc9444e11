import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';

@modelOptions({ schemaOptions: { collection: 'room_members', versionKey: false } })
// One membership per (room, user); concurrent joins or dm:opens cannot make two.
@index({ room: 1, user: 1 }, { unique: true })
// "My rooms", newest membership first.
@index({ user: 1, joinedAt: -1 })
export class RoomMember {
  /**
   * membershipId(room, user): the one key a membership check reads, so it is a primary-key lookup
   * everywhere (on FerretDB any other filter reads the whole collection). Memberships stored
   * before this key have an ObjectId here; the repository still finds those by (room, user).
   */
  @prop({ required: true, type: () => String })
  public _id!: string;

  @prop({ required: true })
  public room!: string;

  @prop({ required: true, type: () => Types.ObjectId })
  public user!: Types.ObjectId;

  /** The highest seq the user has read here; only ever raised ($max). */
  @prop({ required: true, default: 0 })
  public lastReadSeq!: number;

  @prop({ required: true })
  public joinedAt!: Date;
}

export const RoomMemberModel = getModelForClass(RoomMember);

/** '/' never occurs in a room id (room-ids.ts), so the key is unambiguous. */
export const membershipId = (room: string, userId: string): string => `${room}/${userId}`;
