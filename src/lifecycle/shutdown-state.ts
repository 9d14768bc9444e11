import type { Middleware } from 'koa';
import { Service } from 'typedi';

/** One HTTP request still being answered, as the shutdown log names it when the bound expires. */
export interface InFlightRequest {
  method: string;
  path: string;
  startedAt: number;
}

/**
 * Where this app instance is in its shutdown, shared by whoever must behave differently then:
 * readiness (503 from the first moment), every HTTP response (Connection: close once the server
 * stops accepting connections) and the shutdown itself (what is still in flight).
 */
@Service()
export class ShutdownState {
  /** Set on SIGTERM/SIGINT: readiness answers 503 so load balancers take the instance out. */
  draining = false;
  /** Set once the listener is closed: keep-alive connections end after their current response. */
  closingConnections = false;
  private readonly inFlight = new Set<InFlightRequest>();

  /** The requests being answered right now (for the log line when the shutdown bound expires). */
  requestsInFlight(): InFlightRequest[] {
    return [...this.inFlight];
  }

  /**
   * Outermost Koa middleware: tracks in-flight requests, and once connections are closing tells
   * the client (and Node) that this connection ends with this response, so a keep-alive client
   * opens its next connection elsewhere instead of reusing one the server is about to close.
   */
  middleware(): Middleware {
    return async (ctx, next) => {
      const request: InFlightRequest = { method: ctx.method, path: ctx.path, startedAt: Date.now() };
      this.inFlight.add(request);
      try {
        await next();
      } finally {
        this.inFlight.delete(request);
        if (this.closingConnections) ctx.set('Connection', 'close');
      }
    };
  }
}
