import type { ClassConstructor } from 'class-transformer';

/**
 * One part of the configuration, owned by the feature that reads it. A setting lives in exactly
 * one slice: its environment variable, its default (a property initialiser, or config/<env>.json
 * when it differs per environment), its validation (class-validator decorators) and the typed
 * value it becomes. Adding a setting touches its slice and the README table, nothing else.
 */
export interface ConfigSlice<V extends object, C extends object> {
  /** The variables, named as in the environment; loadConfig validates them with `whitelist`. */
  readonly variables: ClassConstructor<V>;
  /**
   * What the decorators cannot say: rules across keys, or per environment (`nodeEnv`). Each
   * problem reads `KEY: reason` and never echoes the value. Asked even when a decorator already
   * refused a key, so the operator sees every bad key at once.
   */
  problems?(variables: V, nodeEnv: string): string[];
  /** The slice's typed part of AppConfig; only called when the whole configuration is valid. */
  build(variables: V): C;
}

/** Turns "true"/"false" (environment variables are strings) into booleans; leaves the rest to fail validation. */
export const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);
