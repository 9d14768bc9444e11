import { getModelForClass, modelOptions, prop } from '@typegoose/typegoose';

/**
 * One document per data migration that has completed, keyed by the migration's name: what lets a
 * migration that runs at start-up (email-claims-backfill.ts) cost one primary-key read once done.
 */
@modelOptions({ schemaOptions: { collection: 'migrations', versionKey: false } })
export class MigrationMarker {
  @prop({ type: String, required: true })
  public _id!: string;

  @prop({ required: true })
  public completedAt!: Date;
}

export const MigrationMarkerModel = getModelForClass(MigrationMarker);
