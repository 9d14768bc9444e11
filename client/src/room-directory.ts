import type { ChatApi } from './chat-api';
import type { ChatMessage, ChatUser, MyRoom, ReadState, RoomInfo } from './chat-types';

/**
 * What this page knows about the user's rooms and the people met in them: room:list (with the
 * server's unread counts and last messages), kept current by the room events between two lists.
 */
export class RoomDirectory {
  rooms: MyRoom[] = [];
  discover: RoomInfo[] = [];
  /** Everyone seen in presence lists, direct rooms and messages: whom one can invite. */
  readonly people = new Map<string, ChatUser>();
  private reloading: Promise<void> | undefined;

  constructor(
    private readonly api: ChatApi,
    private readonly me: ChatUser,
    /** After every change, to redraw the list. */
    private readonly changed: () => void,
  ) {}

  find(room: string | undefined): MyRoom | undefined {
    return this.rooms.find((entry) => entry.id === room);
  }

  /** room:list again. Reloads run one after another, so the last one asked for is the one shown. */
  reload(): Promise<void> {
    const next = (this.reloading ?? Promise.resolve()).catch(() => undefined).then(() => this.fetch());
    this.reloading = next;
    return next;
  }

  meet(user: ChatUser): void {
    if (user.id !== this.me.id) this.people.set(user.id, user);
  }

  /** A new message of one of my rooms: its last message, and one more unread when it counts. */
  received(message: ChatMessage, unseen: boolean): void {
    this.meet(message.author);
    const entry = this.find(message.room);
    if (!entry) return void this.reload().catch(() => undefined);
    if (message.seq <= entry.lastSeq) return;
    entry.lastSeq = message.seq;
    entry.lastMessage = message;
    if (unseen && message.author.id !== this.me.id) entry.unread += 1;
    this.changed();
  }

  /** An edit or delete: the list shows it when it is the room's last message. */
  updated(message: ChatMessage): void {
    const entry = this.find(message.room);
    if (entry?.lastMessage?.seq !== message.seq) return;
    entry.lastMessage = message;
    this.changed();
  }

  renamed(room: string, info: RoomInfo): void {
    const entry = this.find(room);
    if (entry) entry.name = info.name;
    this.changed();
  }

  /** Gone (removed, left, deleted); the list is asked again for what the user may discover now. */
  removed(room: string): MyRoom | undefined {
    const entry = this.find(room);
    this.rooms = this.rooms.filter((each) => each.id !== room);
    this.changed();
    void this.reload().catch(() => undefined);
    return entry;
  }

  /** The server's read pointer and count (room:read, from this tab or another). */
  readState(state: ReadState): void {
    const entry = this.find(state.room);
    if (!entry) return;
    entry.lastReadSeq = Math.max(entry.lastReadSeq, state.lastReadSeq);
    entry.unread = state.unread;
    this.changed();
  }

  /** Moves my read pointer to `seq` (receipts go out in direct rooms); nothing when already there. */
  markRead(room: string, seq: number): void {
    const entry = this.find(room);
    if (!entry || seq <= entry.lastReadSeq) return;
    entry.lastReadSeq = seq;
    entry.unread = 0;
    this.changed();
    this.api.read(room, seq).then(
      (state) => this.readState(state),
      () => undefined,
    );
  }

  private async fetch(): Promise<void> {
    const list = await this.api.list();
    this.rooms = list.rooms;
    this.discover = list.discover;
    for (const room of this.rooms) if (room.peer) this.meet(room.peer);
    this.changed();
  }
}
