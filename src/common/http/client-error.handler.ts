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
 * (400), CONNECT (501), which Node otherwise drops without a word, and an unsupported Expect
 * header (417). The answers carry `Connection: close`: after a parse error the connection cannot
 * be trusted for another request. What cannot be answered is listed in docs/security.md.
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
  // An Expect header other than 100-continue: Node's default is a bare 417.
  server.on('checkExpectation', (_request: IncomingMessage, response: ServerResponse) => {
    const { problem } = toProblem(new AppError(417, 'expectation_failed', 'Only "Expect: 100-continue" is supported.'));
    response.writeHead(problem.status, { ...PROBLEM_HEADERS, Connection: 'close' }).end(JSON.stringify(problem));
  });
}

const PROBLEM_HEADERS = {
  'Content-Type': 'application/problem+json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

function writeProblemAndClose(socket: Duplex, error: AppError): void {
  const { problem } = toProblem(error);
  const body = JSON.stringify(problem);
  const headers = { ...PROBLEM_HEADERS, 'Content-Length': Buffer.byteLength(body), Connection: 'close' };
  const head = [`HTTP/1.1 ${problem.status} ${problem.title}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}
