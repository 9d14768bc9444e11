import type { UserRecord } from '../users/user-record';

/** What other chat users see of someone: presence, typing, message authors. */
export interface ChatUser {
  id: string;
  displayName: string;
}

export const toChatUser = (user: Pick<UserRecord, 'id' | 'displayName'>): ChatUser => ({ id: user.id, displayName: user.displayName });
