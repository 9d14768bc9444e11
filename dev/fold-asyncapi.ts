import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, parse, parseDocument, type Document } from 'yaml';

/**
 * Deep-merges an AsyncAPI overlay (a pending branch's entries, e.g. docs/asyncapi.rooms.pending.yaml)
 * into the text of docs/asyncapi.yaml, keeping the base's comments: maps merge key by key, any other
 * value (lists included) replaces the base's.
 */
export function foldAsyncApi(base: string, overlay: string): string {
  const document = parseDocument(base);
  merge(document, [], parse(overlay) as unknown);
  return document.toString({ lineWidth: 0 });
}

function merge(document: Document, path: string[], value: unknown): void {
  const isPlainObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  const target = path.length === 0 ? document.contents : document.getIn(path, true);
  if (isPlainObject && isMap(target)) {
    for (const [key, child] of Object.entries(value)) merge(document, [...path, key], child);
  } else document.setIn(path, document.createNode(value, { flow: false }));
}

// node -r ts-node/register/transpile-only dev/fold-asyncapi.ts docs/asyncapi.rooms.pending.yaml
if (require.main === module) {
  const overlay = process.argv[2];
  if (!overlay) throw new Error('usage: dev/fold-asyncapi.ts <overlay.yaml>');
  const target = join(__dirname, '..', 'docs', 'asyncapi.yaml');
  writeFileSync(target, foldAsyncApi(readFileSync(target, 'utf8'), readFileSync(overlay, 'utf8')));
  console.log(`folded ${overlay} into ${target}`);
}
