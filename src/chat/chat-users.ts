import { Service } from 'typedi';
import { UsersRepository } from '../users/users.repository';
import { toChatUser, type ChatUser } from './chat-user';

/**
 * What chat needs to know about users, in one place: who they are to others, and whether they
 * moderate (the `admin` role). The only chat file that reads the users feature.
 */
@Service()
export class ChatUsers {
  constructor(private readonly users: UsersRepository) {}

  async find(id: string): Promise<ChatUser | undefined> {
    const user = await this.users.findById(id);
    return user ? toChatUser(user) : undefined;
  }

  /** The users among `ids` that still exist. */
  async findMany(ids: readonly string[]): Promise<Map<string, ChatUser>> {
    const users = await this.users.findByIds([...new Set(ids)]);
    return new Map(users.map((user) => [user.id, toChatUser(user)]));
  }

  /** Admins may delete any message. Read from the stored user, so a revoked role counts at once. */
  async isAdmin(id: string): Promise<boolean> {
    return (await this.users.findById(id))?.roles.includes('admin') ?? false;
  }
}
