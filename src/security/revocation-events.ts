import { EventEmitter } from 'node:events';
import { Service } from 'typedi';

export interface RevocationEventMap {
  /** Every token of the user stopped working (tokenVersion bump: logout-all, password change). */
  userRevoked: [userId: string];
  /** One session (refresh-token family) was revoked: logout, DELETE /auth/sessions/:id, refresh reuse. */
  sessionRevoked: [userId: string, sessionId: string];
  /**
   * The account changed without revoking its tokens (profile, display name; a later account
   * status): whoever keeps a copy of the user (the authorization checker's cache) drops it.
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
  constructor() {
    // typedi passes the container as an extra constructor argument; EventEmitter must not take it as options.
    super();
  }
}
