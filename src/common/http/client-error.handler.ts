import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppError } from '../errors/app-error';
import { toProblem } from '../errors/to-problem';
import type { Logger } from '../logger';

// What Node's HTTP parser reports, mapped as Node's own default answers do (see socketOnError in
// lib/_http_server.js), but with a problem+json body instead of an empty one.
const PARSER_ERRORS: Record<string, AppError> = {
  HPE_HEADER_OVERFLOW: new AppError(431, 'headers_too_large', 'The request headers are too large.'),
  HPE_CHUNK_EXTENSIONS_OVERFLOW: new AppError(413, 'payload_too_large', 'The chunk extensions are too large.'),
  ERR_HTTP_REQUEST_TIMEOUT: new AppError(408, 'request_timeout', 'The request took too long to arrive.'),
};
const MALFORMED = new AppError(400, 'malformed_request', 'The request is not valid HTTP.');

// A peer that never closes its side after our answer cannot keep the socket forever.
const LINGER_MS = 2_000;

/**
 * Answers, as problem+json, the requests Node refuses before Koa ever sees them: oversized
 * headers (431), a request that did not arrive within REQUEST_TIMEOUT_MS (408), malformed HTTP
 * (400), and CONNECT (501), which Node otherwise drops without a word. The answers carry
 * `Connection: close`: after a parse error the connection cannot be trusted for another request.
 */
export function answerClientErrorsAsProblems(server: Server, logger: Logger): void {
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
    // Nothing can be written to a peer that is gone, or after a response already started
    // (_httpMessage is Node's in-flight response on this socket; Node checks the same).
    const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    logger.debug({ code: error.code }, 'malformed request refused by the HTTP parser');
    writeProblemAndClose(socket, PARSER_ERRORS[error.code ?? ''] ?? MALFORMED);
  });
  server.on('connect', (_request: IncomingMessage, socket: Duplex) => {
    writeProblemAndClose(socket, new AppError(501, 'not_implemented', 'This method is not implemented.'));
  });
}

function writeProblemAndClose(socket: Duplex, error: AppError): void {
  const { problem } = toProblem(error);
  const body = JSON.stringify(problem);
  const head = [
    `HTTP/1.1 ${problem.status} ${problem.title}`,
    'Content-Type: application/problem+json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}
