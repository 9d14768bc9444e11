import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';

@modelOptions({ schemaOptions: { collection: 'room_members', versionKey: false } })
// One membership per (room, user); concurrent joins or dm:opens cannot make two.
@index({ room: 1, user: 1 }, { unique: true })
// "My rooms", newest membership first.
@index({ user: 1, joinedAt: -1 })
export class RoomMember {
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
