import { ApiError } from '../api';
import { ChatApi } from '../chat-api';
import type { ChatConnection } from '../chat-connection';
import type { ChatMessage, ChatUser, MyRoom, ReadState, RoomInfo } from '../chat-types';
import { h, replaceChildren } from '../dom';
import { RoomDirectory } from '../room-directory';
import type { Notice } from './notice';
import { RoomListView } from './room-list-view';
import type { MemberActions } from './room-members-view';
import { RoomView } from './room-view';

const REMOVED_TEXT: Record<string, string> = { removed: 'You were removed from', deleted: 'This room was deleted:' };

/**
 * The rooms side of the chat: the room list, the open conversation, and every room event of
 * docs/socket-protocol.md. After each (re)connect it lists the rooms again and catches every open
 * room up with message:sync.
 */
export class RoomsPanel {
  readonly nav: RoomListView;
  private readonly api: ChatApi;
  private readonly directory: RoomDirectory;
  private readonly views = new Map<string, RoomView>();
  private active: string | undefined;
  /** The conversation area shows something else (the account panel). */
  private elsewhere = false;

  constructor(
    connection: ChatConnection,
    private readonly me: ChatUser,
    private readonly main: HTMLElement,
    private readonly notice: Notice,
  ) {
    this.api = new ChatApi(connection);
    this.directory = new RoomDirectory(this.api, me, () => this.render());
    this.nav = new RoomListView({
      open: (room) => void this.open(room),
      join: (address) => this.attempt(async () => this.open((await this.api.join(address)).info.id, true)),
      create: (name, kind) => this.attempt(async () => this.open((await this.api.create(name, kind)).info.id, true)),
    });
    connection.on<ChatMessage>('message:new', (message) => {
      const shown = this.views.get(message.room)?.live(message);
      this.directory.received(message, shown !== false);
      this.markRead();
    });
    for (const event of ['message:updated', 'message:deleted'])
      connection.on<ChatMessage>(event, (message) => {
        this.views.get(message.room)?.apply(message);
        this.directory.updated(message);
      });
    connection.on<{ room: string; members: ChatUser[] }>('presence', ({ room, members }) => {
      for (const member of members) this.directory.meet(member);
      this.views.get(room)?.setMembers(members);
    });
    connection.on<{ room: string; user: ChatUser }>('typing', ({ room, user }) => this.views.get(room)?.showTyping(user));
    connection.on('room:added', () => void this.directory.reload().catch(() => undefined));
    connection.on<{ room: string; info: RoomInfo }>('room:updated', ({ room, info }) => {
      this.views.get(room)?.rename(info);
      this.directory.renamed(room, info);
    });
    connection.on<{ room: string; reason: string }>('room:removed', ({ room, reason }) => this.removed(room, reason));
    connection.on<ReadState>('room:read', (state) => this.directory.readState(state));
    connection.on<{ room: string; userId: string; seq: number }>('message:read', ({ room, userId, seq }) => {
      if (userId !== me.id) this.views.get(room)?.peerRead(seq);
    });
    document.addEventListener('visibilitychange', () => this.markRead());
  }

  /** Every (re)connection: the list again, then the open rooms' members and missed messages. */
  async connected(): Promise<void> {
    await this.attempt(async () => {
      await this.directory.reload();
      for (const view of this.views.values()) {
        view.setMembers((await this.api.join(view.room.id)).members);
        await view.catchUp();
      }
      // The account panel keeps the screen across reconnects (a password change drops the socket).
      if (this.active === undefined && !this.elsewhere) this.showEmpty();
      this.markRead();
    });
  }

  /** Opens a room of mine (listing the rooms again first when it is new to this page). */
  async open(room: string, reload = false): Promise<void> {
    this.notice.clear();
    if (reload || !this.directory.find(room)) await this.directory.reload();
    const entry = this.directory.find(room);
    if (!entry) return;
    const existing = this.views.get(room);
    const view = existing ?? new RoomView(entry, this.api, this.me, this.directory.people, this.memberActions(entry));
    // On screen at once, so that nothing typed meanwhile goes to the room shown before.
    this.active = room;
    this.elsewhere = false;
    replaceChildren(this.main, view.element);
    this.render();
    view.focus();
    if (!existing) {
      this.views.set(room, view);
      view.setMembers((await this.api.join(room)).members);
      await view.loadLatest();
    }
    this.markRead();
  }

  /** Leaves the conversation area to someone else (the account panel). */
  deactivate(): void {
    this.active = undefined;
    this.elsewhere = true;
    this.render();
  }

  /** The conversation area without a chosen room: the first room, or how to get one. */
  showEmpty(): void {
    this.elsewhere = false;
    const first = this.directory.rooms[0];
    if (first) return void this.open(first.id);
    replaceChildren(this.main, h('p', { class: 'empty' }, 'Join or create a room to start chatting, for example "general".'));
  }

  private removed(room: string, reason: string): void {
    this.views.delete(room);
    const entry = this.directory.removed(room);
    if (this.active === room) {
      this.active = undefined;
      this.showEmpty();
    }
    if (entry && REMOVED_TEXT[reason]) this.notice.show(`${REMOVED_TEXT[reason]} ${entry.name || room}.`);
  }

  /** The room on screen is read up to its newest message, while the page is visible. */
  private markRead(): void {
    const newest = this.views.get(this.active ?? '')?.store.newest;
    if (this.active && newest && document.visibilityState === 'visible') this.directory.markRead(this.active, newest.seq);
  }

  private memberActions(entry: MyRoom): MemberActions {
    return {
      openDirect: (user) => this.attempt(async () => this.open((await this.api.openDirect(user.id)).info.id, true)),
      invite: (userId) =>
        this.attempt(async () => {
          await this.api.invite(entry.id, userId);
          this.notice.show(`Invited ${this.directory.people.get(userId)?.displayName ?? 'them'} to ${entry.name}.`);
        }),
      rename: (name) => this.attempt(async () => void (await this.api.rename(entry.id, name))),
      remove: (user) => this.attempt(async () => void (await this.api.remove(entry.id, user.id))),
      leave: () => this.attempt(async () => void (await this.api.leave(entry.id))),
      deleteRoom: () => this.attempt(async () => void (await this.api.deleteRoom(entry.id))),
    };
  }

  private async attempt(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.notice.error(error instanceof ApiError ? error : new ApiError(0, 'internal_error', String(error)));
    }
  }

  private render(): void {
    this.nav.render(this.directory.rooms, this.directory.discover, this.active);
  }
}
