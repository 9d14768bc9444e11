import type { UserRecord } from './user-record';

/**
 * Who is calling, as established by the authorization checker, on HTTP and sockets alike. It
 * lives beside the user it carries, below every layer that receives one (controllers, sockets).
 */
export interface Principal {
  user: UserRecord;
  /** sessionId is the refresh-token family the access token was issued under, when there is one. */
  token: { id: string; expiresAt: Date; sessionId: string };
}
