import { EventEmitter } from 'node:events';
import { Service } from 'typedi';

export interface RevocationEventMap {
  /** Every token of the user stopped working (tokenVersion bump: logout-all, password change). */
  userRevoked: [userId: string];
  /** One session (refresh-token family) was revoked: logout, DELETE /auth/sessions/:id, refresh reuse. */
  sessionRevoked: [userId: string, sessionId: string];
  /**
   * An admin disabled or re-enabled the account. Disabling also emits userRevoked (its tokens
   * died); this one is for whoever keeps a copy of the account (a cache): drop it and read again.
   */
  accountStatusChanged: [userId: string];
}

/**
 * How the auth services tell live connections that credentials died, without knowing about
 * sockets: the chat layer listens and disconnects the affected sockets (across instances via the
 * socket.io adapter).
 */
@Service()
export class RevocationEvents extends EventEmitter<RevocationEventMap> {
  constructor() {
    // typedi passes the container as an extra constructor argument; EventEmitter must not take it as options.
    super();
  }
}
