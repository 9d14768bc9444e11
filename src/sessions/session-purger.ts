import { Inject, Service } from 'typedi';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { LOGGER, type Logger } from '../common/logger';
import { SessionRepository } from './session.repository';
import { SpentRefreshTokenRepository } from './spent-refresh-token.repository';

/**
 * Deletes expired sessions and spent refresh tokens on a timer. This replaces TTL indexes, which
 * FerretDB lacks; correctness never depends on it, because expiry is checked on every use.
 */
@Service()
export class SessionPurger {
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly sessions: SessionRepository,
    private readonly spent: SpentRefreshTokenRepository,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.purgeSafely(), this.config.session.purgeIntervalSeconds * 1000);
    // A pending purge must never keep the process (or a test run) alive.
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One pass; returns how many documents went. */
  async purge(now: Date = new Date()): Promise<{ sessions: number; spentTokens: number }> {
    const graceStart = new Date(now.getTime() - this.config.session.reuseGraceSeconds * 1000);
    const [sessions, spentTokens] = await Promise.all([
      this.sessions.deleteExpired(now),
      this.spent.deleteExpired(now),
      // Past the grace window a sealed successor serves nobody: do not keep it (defence in depth).
      this.spent.forgetSuccessors(graceStart),
    ]);
    return { sessions, spentTokens };
  }

  private async purgeSafely(): Promise<void> {
    try {
      const purged = await this.purge();
      this.logger.debug(purged, 'purged expired sessions');
    } catch (error) {
      this.logger.warn({ err: error }, 'session purge failed; will retry on the next tick');
    }
  }
}
