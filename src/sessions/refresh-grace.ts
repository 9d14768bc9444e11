import { Inject, Service } from 'typedi';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { openSuccessor } from './refresh-successor';
import { hashRefreshToken } from './refresh-token';
import { isSessionActive, type SessionRecord } from './session-record';
import { SessionRepository } from './session.repository';
import { SpentRefreshTokenRepository, type SpentToken } from './spent-refresh-token.repository';

/** How many refreshes one tab may have made before the other tab's late one still finds the current token. */
const CHAIN_MAX_LINKS = 4;

/**
 * The multi-tab grace: a refresh token presented again within REFRESH_REUSE_GRACE_SECONDS of its
 * spend, while its session lives, gets the token its first use received (the session's current
 * one), so two tabs that refreshed at once both end up holding the same, valid token. The session
 * never has more than one current token, so reuse detection keeps working for every later use.
 */
@Service()
export class RefreshGrace {
  private readonly graceMs: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly sessions: SessionRepository,
    private readonly spent: SpentRefreshTokenRepository,
  ) {
    this.graceMs = config.session.reuseGraceSeconds * 1000;
  }

  /**
   * Spent strictly less than the grace period ago; never with a grace of 0. `now` was read when
   * this request began, so a concurrent request can have spent the token a moment *after* it:
   * the difference is then negative, which must not pass as "within a grace of 0".
   */
  private covers(spent: SpentToken, now: Date): boolean {
    return this.graceMs > 0 && now.getTime() - spent.spentAt.getTime() < this.graceMs;
  }

  /**
   * The session and its current refresh token, for `presented` (spent as `spent`), or undefined
   * when the grace does not apply: outside the window, session over, or no successor to open.
   * Follows the chain when the other tab has refreshed again meanwhile, each link within the window.
   */
  async current(presented: string, spent: SpentToken, now: Date): Promise<{ session: SessionRecord; refreshToken: string } | undefined> {
    let link = { token: presented, spent };
    for (let step = 0; step < CHAIN_MAX_LINKS && this.covers(link.spent, now); step += 1) {
      const successor = link.spent.successor && openSuccessor(link.token, link.spent.successor);
      if (!successor) return undefined;
      const session = await this.sessions.findById(link.spent.sessionId);
      if (!session || !isSessionActive(session, now)) return undefined;
      const successorHash = hashRefreshToken(successor);
      // The winner of a race claims the token before it moves the session: its successor is next.
      if (session.tokenHash === successorHash || session.tokenHash === link.spent.tokenHash) return { session, refreshToken: successor };
      const next = await this.spent.find(successorHash);
      if (!next) return undefined;
      link = { token: successor, spent: next };
    }
    return undefined;
  }
}
