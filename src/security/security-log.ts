import { Inject, Service } from 'typedi';
import type { ClientInfo } from '../common/http/client-info';
import { LOGGER, type Logger } from '../common/logger';
import { AppMetrics, type LoginOutcome } from '../metrics/app-metrics';

export type SecurityEvent =
  | 'login_succeeded'
  | 'login_failed'
  | 'login_throttled'
  | 'rate_limited'
  | 'refresh_reused'
  | 'refresh_grace_used'
  | 'session_revoked'
  | 'logout_all'
  | 'password_changed'
  | 'password_change_failed'
  | 'login_refused'
  | 'account_disabled'
  | 'account_enabled';

/** Expected outcomes; everything else is a warning worth a look. */
const INFO_EVENTS: ReadonlySet<SecurityEvent> = new Set(['login_succeeded', 'password_changed', 'logout_all', 'account_enabled']);

/** Fields a security line may carry. There is deliberately no field for a password or a token. */
export interface SecurityFields {
  userId?: string;
  /** The admin who acted on `userId` (account_disabled, account_enabled). */
  actorId?: string;
  sessionId?: string;
  /** A short hash of the normalised email, to correlate attempts on unknown accounts without storing emails. */
  account?: string;
  scope?: string;
  reason?: string;
}

/** Every login ends in exactly one of these events, so the login counter is kept here. */
const LOGIN_OUTCOMES: Partial<Record<SecurityEvent, LoginOutcome>> = {
  login_succeeded: 'success',
  login_failed: 'bad_credentials',
  login_throttled: 'throttled',
};

/**
 * Structured security events (one pino line each, `security: true`) for the SIEM: who, from
 * where, which request. Callers pass ids only; the logger's redaction is a second line of defence.
 */
@Service()
export class SecurityLog {
  private readonly log: Logger;

  constructor(
    @Inject(LOGGER) logger: Logger,
    private readonly metrics: AppMetrics,
  ) {
    this.log = logger.child({ security: true });
  }

  record(event: SecurityEvent, client: ClientInfo | undefined, fields: SecurityFields = {}): void {
    const login = LOGIN_OUTCOMES[event];
    if (login) this.metrics.login(login);
    const line = { event, ...fields, requestId: client?.requestId, ip: client?.ip };
    if (INFO_EVENTS.has(event)) this.log.info(line, event);
    else this.log.warn(line, event);
  }
}
