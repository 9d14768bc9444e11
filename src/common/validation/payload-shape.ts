/** Deeper than any DTO we accept; class-transformer recurses once per level and would overflow. */
export const MAX_PAYLOAD_DEPTH = 32;

export type PayloadShapeProblem = 'forbidden_key' | 'too_deep';

/**
 * Checks a parsed payload (HTTP body or socket event) before class-transformer sees it:
 * - keys that name an Object.prototype member (__proto__, constructor, toString, ...) are refused:
 *   they enable prototype pollution, and class-transformer silently drops them, so the whitelist
 *   validation would never report them as unknown;
 * - nesting deeper than MAX_PAYLOAD_DEPTH is refused (a 100 kB body of brackets was a stack overflow).
 * Iterative, so the check itself cannot overflow.
 */
export function payloadShapeProblem(payload: object): PayloadShapeProblem | undefined {
  const pending: [unknown, number][] = [[payload, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, depth] = next;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_PAYLOAD_DEPTH) return 'too_deep';
    for (const [key, child] of Object.entries(value)) {
      if (!Array.isArray(value) && key in Object.prototype) return 'forbidden_key';
      pending.push([child, depth + 1]);
    }
  }
  return undefined;
}
