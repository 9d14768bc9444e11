import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { ROOM_KINDS, type RoomKind } from './room-ids';

@modelOptions({ schemaOptions: { collection: 'rooms', timestamps: { createdAt: true, updatedAt: false }, versionKey: false } })
// See roomKey(): uniqueness of addresses and of direct pairs, without partial indexes.
@index({ key: 1 }, { unique: true })
// room:list's "public rooms to discover", newest first.
@index({ kind: 1, createdAt: -1 })
export class Room {
  /** The room id clients use (room-ids.ts), so lookups by id need no second index. */
  @prop({ required: true, type: () => String })
  public _id!: string;

  @prop({ required: true })
  public key!: string;

  /** The display name; "" for direct rooms (clients show the other member). */
  @prop({ type: () => String, default: '' })
  public name!: string;

  @prop({ required: true, enum: ROOM_KINDS, type: () => String })
  public kind!: RoomKind;

  /** null: nobody owns it (public rooms created by a join, direct rooms). */
  @prop({ type: () => Types.ObjectId, default: null })
  public owner!: Types.ObjectId | null;

  public createdAt!: Date;
}

export const RoomModel = getModelForClass(Room);
