import { Get, Header, JsonController } from 'routing-controllers';
import { OpenAPI } from 'routing-controllers-openapi';
import { Inject, Service } from 'typedi';
import { ApiRoute } from '../common/openapi/api-route.decorator';
import { API_DOCUMENTS, type ApiDocuments } from './api-documents.token';

const documentOf = (required: string[]) => ({
  responses: { 200: { content: { 'application/json': { schema: { type: 'object', required } } } } },
});

/** GET /openapi.json and /asyncapi.json: the documents built at boot, as they are. */
@Service()
@JsonController()
export class ApiDocumentsController {
  constructor(@Inject(API_DOCUMENTS) private readonly documents: ApiDocuments) {}

  @Get('/openapi.json')
  @Header('Cache-Control', 'no-cache')
  @ApiRoute({ summary: 'This document: the HTTP API (OpenAPI 3.1)' })
  @OpenAPI(documentOf(['openapi', 'info', 'paths']))
  openapi(): object {
    return this.documents.openapi;
  }

  @Get('/asyncapi.json')
  @Header('Cache-Control', 'no-cache')
  @ApiRoute({ summary: 'The socket.io protocol (AsyncAPI 3)' })
  @OpenAPI(documentOf(['asyncapi', 'info', 'channels', 'operations']))
  asyncapi(): object {
    return this.documents.asyncapi;
  }
}
