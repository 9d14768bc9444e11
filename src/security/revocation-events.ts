import { EventEmitter } from 'node:events';
import { Service } from 'typedi';

export interface RevocationEventMap {
  /** Every token of the user stopped working (tokenVersion bump: logout-all, password change). */
  userRevoked: [userId: string];
  /** One session (refresh-token family) was revoked: logout, DELETE /auth/sessions/:id, refresh reuse. */
  sessionRevoked: [userId: string, sessionId: string];
  /**
   * The account changed without revoking its tokens (profile, display name) or an admin disabled or
   * re-enabled it (disabling also announces userRevoked): whoever keeps a copy of the user (the
   * authorization checker's cache) drops it and reads again.
   */
  accountChanged: [userId: string];
}

/**
 * How the auth services tell live connections that credentials died, without knowing about
 * sockets: the chat layer listens and disconnects the affected sockets (across instances via the
 * socket.io adapter), and the authorization checker's cache drops what it knew (across instances
 * via the revocation channel). Every revocation and account change is announced here, and only here.
 */
@Service()
export class RevocationEvents extends EventEmitter<RevocationEventMap> {
  private readonly pending = new Set<Promise<unknown>>();

  constructor() {
    // typedi passes the container as an extra constructor argument; EventEmitter must not take it as options.
    super();
  }

  /** A listener whose work outlives emit() (telling other instances) hands it here, for announce() to await. */
  track(work: Promise<unknown>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work)).catch(() => undefined);
  }

  /**
   * Emits, then waits for the work listeners started (the publish to other instances), so that
   * the caller answers only once every instance has been told: the client's next request, to any
   * instance, meets the revocation. The listeners bound that work in time and never reject here.
   */
  async announce<K extends keyof RevocationEventMap>(event: K, ...args: RevocationEventMap[K]): Promise<void> {
    // @types/node cannot relate a generic K's arguments to its conditional emit signature.
    (this.emit as (event: K, ...args: RevocationEventMap[K]) => boolean)(event, ...args);
    await Promise.allSettled([...this.pending]);
  }
}
