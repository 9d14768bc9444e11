import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Service } from 'typedi';

export type LoginOutcome = 'success' | 'bad_credentials' | 'throttled';
export type RefreshOutcome = 'rotated' | 'reused' | 'expired' | 'invalid';
export type RevocationKind = 'user' | 'session';

/** Seconds; from a fast cached answer to a request that waited out the database bound. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * This app's Prometheus registry (prom-client) and every metric it exports. One per app
 * container, never prom-client's global registry: tests run several apps in one process, and each
 * scrape must show its own instance. Features record through the typed methods below, so metric
 * and label names live in this one file.
 */
@Service()
export class AppMetrics {
  readonly registry = new Registry();

  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status, and how long they took.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });

  private readonly messages = new Counter({
    name: 'chat_messages_sent_total',
    help: 'Chat messages stored and delivered (a repeated clientMsgId is not counted again).',
    registers: [this.registry],
  });

  private readonly logins = new Counter({
    name: 'auth_logins_total',
    help: 'Password logins by outcome.',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  private readonly refreshes = new Counter({
    name: 'auth_refreshes_total',
    help: 'Refresh-token presentations by outcome.',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  private readonly throttled = new Counter({
    name: 'rate_limit_throttled_total',
    help: 'Requests and events refused by a rate limiter, by limiter.',
    labelNames: ['limiter'] as const,
    registers: [this.registry],
  });

  private readonly revocations = new Counter({
    name: 'auth_revocations_total',
    help: 'Credential revocations by kind: every token of a user, or one session.',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  private activeSockets: () => number = () => 0;

  constructor() {
    // Event-loop lag (nodejs_eventloop_lag_*), heap, GC, handles, CPU and memory of the process.
    collectDefaultMetrics({ register: this.registry });
    const sockets = () => this.activeSockets();
    new Gauge({
      name: 'socket_connections_active',
      help: 'socket.io connections open on this instance.',
      registers: [this.registry],
      collect() {
        this.set(sockets());
      },
    });
  }

  /** The realtime transport tells how to count its open connections (read at scrape time). */
  countSocketsWith(count: () => number): void {
    this.activeSockets = count;
  }

  httpRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  messageSent(): void {
    this.messages.inc();
  }

  login(outcome: LoginOutcome): void {
    this.logins.inc({ outcome });
  }

  refresh(outcome: RefreshOutcome): void {
    this.refreshes.inc({ outcome });
  }

  rateLimited(limiter: string): void {
    this.throttled.inc({ limiter });
  }

  revocation(kind: RevocationKind): void {
    this.revocations.inc({ kind });
  }

  /** The Prometheus text exposition of every metric above. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
