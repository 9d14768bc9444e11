import type { AccountStatus, Role } from './user.model';

/** A user as the services see it: a plain object, never a mongoose document. */
export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
  status: AccountStatus;
  tokenVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What a client may see of a user. Built by listing fields, so secrets cannot slip through. */
export interface PublicUser {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  createdAt: string;
}

export function toPublicUser(user: UserRecord): PublicUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: [...user.roles],
    createdAt: user.createdAt.toISOString(),
  };
}

/** What an admin sees of an account (GET /admin/users): the public view plus its status. */
export interface AccountSummary extends PublicUser {
  status: AccountStatus;
}

export function toAccountSummary(user: UserRecord): AccountSummary {
  return { ...toPublicUser(user), status: user.status };
}
