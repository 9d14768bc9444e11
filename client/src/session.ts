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
  refreshToken: string;
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

/** Refresh when this share of the token's lifetime has passed, well before it expires. */
const REFRESH_AT = 0.75;
const REFRESH_CODES = new Set(['refresh_invalid', 'refresh_expired', 'refresh_reused', 'token_revoked', 'account_disabled']);

/**
 * The logged-in session. Tokens live in this object only (never in storage a script could read
 * later). Phase 2 moves the refresh token into an httpOnly cookie; only refresh(), logOut() and
 * logIn() change then.
 */
export class Session {
  private accessToken: string;
  private refreshToken: string;
  private expiresAt = 0;
  private refreshing: Promise<string> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ended = false;

  private constructor(
    answer: LoginAnswer,
    public user: User,
    private readonly events: SessionEvents,
  ) {
    this.accessToken = answer.accessToken;
    this.refreshToken = answer.refreshToken;
    this.schedule(answer.expiresIn);
  }

  static async logIn(email: string, password: string, events: SessionEvents): Promise<Session> {
    const answer = await apiRequest<LoginAnswer>('POST', '/auth/login', { body: { email, password } });
    return new Session(answer, answer.user, events);
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
    this.refreshing ??= apiRequest<TokenAnswer>('POST', '/auth/refresh', { body: { refreshToken: this.refreshToken } })
      .then((answer) => {
        this.refreshToken = answer.refreshToken;
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
    await apiRequest('POST', '/auth/logout', { body: { refreshToken: this.refreshToken } }).catch(() => undefined);
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
    this.refreshToken = '';
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
