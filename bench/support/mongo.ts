/**
 * The ONE place the bench imports the embedded database from. When the provider moves (to
 * dev/mongo-provider.ts), repoint this line and nothing else.
 */
export { provideMongo, type ProvidedMongo } from '../../dev/mongo-provider';
