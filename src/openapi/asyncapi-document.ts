import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * docs/asyncapi.yaml, the hand-written AsyncAPI 3 document of the socket protocol (its test holds
 * it to socket-controllers' metadata). Two levels up from this file is the project root both from
 * src/openapi and dist/openapi; the Dockerfile copies docs/asyncapi.yaml into the image.
 */
export const ASYNCAPI_PATH = join(__dirname, '..', '..', 'docs', 'asyncapi.yaml');

let cached: Record<string, unknown> | undefined;

/** Read and parsed once per process; a missing or broken file stops the boot, loudly. */
export function loadAsyncApiDocument(): Record<string, unknown> {
  cached ??= parse(readFileSync(ASYNCAPI_PATH, 'utf8')) as Record<string, unknown>;
  return cached;
}
