import type { ContainerInstance } from 'typedi';
import type { Logger } from '../logger';

/**
 * What this service keeps on Koa's ctx.state, typed by declaration merging instead of Koa's
 * default `any`. Each field is set by the first middlewares of every app (app.ts, requestContext),
 * before any other code runs; features add their own fields the same way (auth: `principal`).
 */
declare module 'koa' {
  interface DefaultState {
    /** The app's own typedi container (app.ts), for controllers resolved per request. */
    container: ContainerInstance;
    /** The request id (requestContext), echoed as X-Request-Id and carried by every log line. */
    requestId: string;
    /** The request's child logger (requestContext), with the root's redaction. */
    log: Logger;
    /**
     * The access-log writer (requestContext): the root logger without redaction, for the one
     * per-request line, whose fixed fields no redact path names. Pass requestId in the line.
     */
    accessLog: Logger;
  }
}
