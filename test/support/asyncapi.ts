import { DiagnosticSeverity, Parser, type AsyncAPIDocumentInterface } from '@asyncapi/parser';

/** Parses an AsyncAPI document with @asyncapi/parser; fails with every error diagnostic, by path. */
export async function parseAsyncApi(text: string): Promise<AsyncAPIDocumentInterface> {
  const { document, diagnostics } = await new Parser().parse(text);
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error);
  if (errors.length > 0 || !document) {
    throw new Error(`invalid AsyncAPI document:\n${errors.map((error) => `${error.path.join('.')}: ${error.message}`).join('\n')}`);
  }
  return document;
}

/** The event names of the document's `receive` operations (what clients may send), sorted, once each. */
export function receivedEvents(document: AsyncAPIDocumentInterface): string[] {
  const names = document
    .operations()
    .filter((operation) => operation.action() === 'receive')
    .flatMap((operation) =>
      operation
        .messages()
        .all()
        .map((message) => message.name() ?? ''),
    );
  return [...new Set(names)].sort();
}
