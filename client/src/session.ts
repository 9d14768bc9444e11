import { ApiError, apiRequest } from './api';

export interface User {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  createdAt: string;
}

interface TokenAnswer {
  accessToken: string;
  expiresIn: number;
}

export interface LoginAnswer extends TokenAnswer {
  user: User;
}

export interface SessionEvents {
  /** A new access token exists (refresh, password change): push it to long-lived connections. */
  onAccessToken(token: string): void;
  /** The session is over; `reason` is an ApiError to explain, or undefined for a normal log-out. */
  onEnded(reason?: ApiError): void;
}

/**
 * The refresh token never reaches this page: the server keeps it in an httpOnly cookie scoped to
 * /auth/refresh and /auth/logout when a request carries this header (docs/security.md).
 */
const COOKIE_MODE = { 'x-token-delivery': 'cookie' };
/** Refresh when this share of the token's lifetime has passed, well before it expires. */
const REFRESH_AT = 0.75;
const REFRESH_CODES = new Set(['refresh_invalid', 'refresh_expired', 'refresh_reused', 'token_revoked', 'account_disabled']);

/**
 * The logged-in session. The access token lives in this object only (never in storage a script
 * could read later); the refresh token lives in an httpOnly cookie the page cannot read at all,
 * which is what lets a reload (or a second tab) pick the session up again: restore().
 */
export class Session {
  private accessToken: string;
  private expiresAt = 0;
  private refreshing: Promise<string> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ended = false;

  private constructor(
    answer: TokenAnswer,
    public user: User,
    private readonly events: SessionEvents,
  ) {
    this.accessToken = answer.accessToken;
    this.schedule(answer.expiresIn);
  }

  static async logIn(email: string, password: string, events: SessionEvents): Promise<Session> {
    const answer = await apiRequest<LoginAnswer>('POST', '/auth/login', { body: { email, password }, headers: COOKIE_MODE });
    return new Session(answer, answer.user, events);
  }

  /**
   * The session this browser already has (a reload, another tab), from the refresh cookie; undefined
   * when there is none or it is no longer valid. Other failures (server unreachable) are thrown.
   */
  static async restore(events: SessionEvents): Promise<Session | undefined> {
    let answer: TokenAnswer;
    try {
      answer = await rotate();
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || REFRESH_CODES.has(error.code))) return undefined;
      throw error;
    }
    const user = await apiRequest<User>('GET', '/users/me', { token: answer.accessToken });
    return new Session(answer, user, events);
  }

  get token(): string {
    return this.accessToken;
  }

  /** The access token, refreshed first when it is about to expire (socket reconnects use it). */
  async freshToken(): Promise<string> {
    return Date.now() > this.expiresAt - 30_000 ? this.refresh() : this.accessToken;
  }

  /** An authorized request; a token that expired meanwhile is refreshed once and the request retried. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    try {
      return await apiRequest<T>(method, path, { body, token: this.accessToken });
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'token_expired') throw this.check(error);
      const token = await this.refresh();
      return apiRequest<T>(method, path, { body, token }).catch((again: unknown) => Promise.reject(this.check(again)));
    }
  }

  /** Rotates the tokens; concurrent callers share one request (the server spends a refresh token once). */
  refresh(): Promise<string> {
    this.refreshing ??= rotate()
      .then((answer) => {
        this.useAccessToken(answer.accessToken, answer.expiresIn);
        return answer.accessToken;
      })
      .catch((error: unknown) => Promise.reject(this.check(error)))
      .finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /** A new access token for this session from elsewhere (the password change answers with one). */
  useAccessToken(token: string, expiresIn: number): void {
    this.accessToken = token;
    this.schedule(expiresIn);
    this.events.onAccessToken(token);
  }

  async logOut(): Promise<void> {
    await apiRequest('POST', '/auth/logout', { headers: COOKIE_MODE }).catch(() => undefined);
    this.end();
  }

  async logOutEverywhere(): Promise<void> {
    await this.request('POST', '/auth/logout-all');
    this.end();
  }

  /** Ends the session locally, once; `reason` says why when it was not the user's choice. */
  end(reason?: ApiError): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    this.accessToken = '';
    this.events.onEnded(reason);
  }

  get isOver(): boolean {
    return this.ended;
  }

  /** Errors that mean "this session is gone" end it; every error is passed on to the caller. */
  private check(error: unknown): unknown {
    if (error instanceof ApiError && REFRESH_CODES.has(error.code)) this.end(error);
    return error;
  }

  private schedule(expiresIn: number): void {
    this.expiresAt = Date.now() + expiresIn * 1000;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh().catch(() => undefined), expiresIn * 1000 * REFRESH_AT);
  }
}

/** The Web Lock every tab of this browser takes to refresh (one origin, one cookie, one lock name). */
const REFRESH_LOCK = 'koa-jwt-chat:refresh';

/**
 * One rotation of the cookie's refresh token: the answer holds the new access token only.
 * Single flight across tabs: the tabs share the cookie and the server spends a token once, so two
 * tabs refreshing together would present the same token twice and the second would look stolen
 * (refresh_reused revokes the session). Under the lock they take turns, each presenting the
 * cookie the previous one left. Web Locks exist in secure contexts only (https, localhost);
 * elsewhere a tab refreshes alone and relies on the server's grace period.
 */
async function rotate(): Promise<TokenAnswer> {
  const request = (): Promise<TokenAnswer> => apiRequest<TokenAnswer>('POST', '/auth/refresh', { headers: COOKIE_MODE });
  if (!('locks' in navigator)) return request();
  let answer: TokenAnswer | undefined;
  // The lock is held until the answer (and with it the new cookie) is in.
  await navigator.locks.request(REFRESH_LOCK, async () => (answer = await request()));
  return answer!;
}
