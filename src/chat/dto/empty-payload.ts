import { InvalidPayloadError } from '../../realtime/realtime.errors';

/**
 * Checks the payload of events that take no arguments (room:list): `{}`. class-validator cannot
 * validate a class without properties, so this is the one hand-written payload rule.
 */
export function parseEmptyPayload(raw: unknown): void {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InvalidPayloadError([{ field: '', messages: ['the payload must be a JSON object'] }]);
  }
  const extra = Object.keys(raw);
  if (extra.length > 0) throw new InvalidPayloadError(extra.map((field) => ({ field, messages: [`property ${field} should not exist`] })));
}
