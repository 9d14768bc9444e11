import type { Role } from './user.model';

/** A user as the services see it: a plain object, never a mongoose document. */
export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
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
