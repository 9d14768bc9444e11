/** True for a unique-index violation (code 11000), as both MongoDB and FerretDB report it. */
export function isDuplicateKeyError(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 11000;
}
