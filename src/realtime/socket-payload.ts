import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { STRICT_VALIDATION } from '../common/validation/validator-options';
import { toFieldErrors } from '../common/validation/field-errors';
import { payloadShapeProblem } from '../common/validation/payload-shape';
import { InvalidPayloadError } from './realtime.errors';

/**
 * Turns a raw socket event argument into a validated DTO, with the same rules as HTTP bodies
 * (STRICT_VALIDATION), or throws InvalidPayloadError. socket-controllers 0.3.1 validates nothing.
 */
export function parsePayload<T extends object>(dto: ClassConstructor<T>, raw: unknown): T {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InvalidPayloadError([{ field: '', messages: ['the payload must be a JSON object'] }]);
  }
  // Same guard as the HTTP body parser, before plainToInstance can see a "__proto__" key.
  const problem = payloadShapeProblem(raw);
  if (problem) {
    const message = problem === 'forbidden_key' ? 'the payload contains a forbidden key' : 'the payload is nested too deeply';
    throw new InvalidPayloadError([{ field: '', messages: [message] }]);
  }
  const instance = plainToInstance(dto, raw);
  const errors = validateSync(instance, STRICT_VALIDATION);
  if (errors.length > 0) throw new InvalidPayloadError(toFieldErrors(errors));
  return instance;
}
