import 'reflect-metadata';
import { OpenAPI } from 'routing-controllers-openapi';

/** Error `code` values a route answers with, per HTTP status (the problem document's `code`). */
export type ErrorCodes = Readonly<Partial<Record<number, readonly string[]>>>;

/** What a route says about itself in the OpenAPI document. */
export interface ApiRouteSpec {
  /** One line for the operation list (Swagger UI shows it next to the path). */
  summary: string;
  description?: string;
  /**
   * The route's own refusals. What the pipeline adds everywhere (validation of a @Body, the
   * token check of @Authorized, 500) is added by the generator (src/openapi/), so it is not
   * repeated here.
   */
  errors?: ErrorCodes;
}

/** A controller or DTO class, typed as routing-controllers' metadata types them. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- routing-controllers types targets as Function
export type ClassType = Function;

const API_ROUTE = Symbol('api-route');

/**
 * Describes a controller action for the OpenAPI document: its summary and, in ONE place beside
 * the handler, the error codes it may answer with. The generator turns `errors` into
 * `application/problem+json` responses whose `code` is an enum, and the contract test refuses a
 * route without this decorator, naming it.
 */
export function ApiRoute(spec: ApiRouteSpec): MethodDecorator {
  const describe = OpenAPI({ summary: spec.summary, ...(spec.description ? { description: spec.description } : {}) });
  return (target, method, descriptor) => {
    Reflect.defineMetadata(API_ROUTE, spec, target, method);
    describe(target, method as string, descriptor);
  };
}

/** The @ApiRoute of `method` on a controller class, or undefined when the route has none. */
export function apiRouteOf(controller: ClassType, method: string): ApiRouteSpec | undefined {
  return Reflect.getMetadata(API_ROUTE, controller.prototype as object, method) as ApiRouteSpec | undefined;
}
