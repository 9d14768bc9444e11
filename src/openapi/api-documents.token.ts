import { Token } from 'typedi';
import type { OpenAPIObject } from 'openapi3-ts';

/** The two documents an app serves, built once at boot (app.ts) and read by ApiDocumentsController. */
export interface ApiDocuments {
  openapi: OpenAPIObject;
  asyncapi: Record<string, unknown>;
}

export const API_DOCUMENTS = new Token<ApiDocuments>('api-documents');
