import type { ProvidedMongo } from '../../dev/mongo-provider';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __TEST_MONGO__?: ProvidedMongo }).__TEST_MONGO__?.stop();
}
