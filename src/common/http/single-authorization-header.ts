import type { IncomingMessage } from 'node:http';
import { BadRequestError } from '../errors/app-error';

/** More than one Authorization header: which credential speaks is anyone's guess, so none does. */
export class AmbiguousAuthorizationError extends BadRequestError {
  constructor() {
    super('ambiguous_authorization', 'Send exactly one Authorization header.');
  }
}

/**
 * The request's one Authorization header value, or undefined when there is none; throws
 * AmbiguousAuthorizationError (400) when there are several. Read from headersDistinct because
 * `req.headers` silently keeps only the first of duplicate Authorization headers, so a proxy and
 * the service could each act on a different one. HTTP and the socket.io handshake both call this.
 */
export function authorizationHeader(request: Pick<IncomingMessage, 'headersDistinct'>): string | undefined {
  const values = request.headersDistinct.authorization ?? [];
  if (values.length > 1) throw new AmbiguousAuthorizationError();
  return values[0] || undefined;
}
