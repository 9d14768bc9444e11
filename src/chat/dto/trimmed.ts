/** class-transformer's Transform for strings that are trimmed before validation. */
export const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
