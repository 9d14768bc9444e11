import { ChatConnection, type ConnectionStatus } from '../chat-connection';
import { field, h, replaceChildren } from '../dom';
import type { Session } from '../session';
import { accountView } from './account-view';
import { Notice } from './notice';
import { RoomView } from './room-view';

const STATUS_TEXT: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  online: 'Connected',
  reconnecting: 'Connection lost. Reconnecting…',
  offline: 'You are offline. Messages will catch up when you are back.',
  closed: 'Disconnected.',
};
const STATUS_DETAIL: Record<string, string> = {
  server_closed: 'The server closed the connection. Reconnecting…',
  too_many_connections: 'Too many open tabs or devices for this account: close one and reload.',
  refresh_failed: 'Disconnected: the session could not be renewed. Check your connection and reload.',
  connection_lost: 'Connection lost. Reconnecting…',
};

/** The signed-in screen: the room list, the open conversation, the account panel. */
export class ChatView {
  readonly element: HTMLElement;
  readonly connection: ChatConnection;
  private readonly rooms = new Map<string, RoomView>();
  private active: RoomView | undefined;
  private readonly roomList = h('ul', { class: 'room-list' });
  private readonly main = h('main', { class: 'main' });
  private readonly status = h('p', { class: 'status', role: 'status' });
  private readonly notice = new Notice();
  private readonly me = h('span', { class: 'me' });

  constructor(private readonly session: Session) {
    this.connection = new ChatConnection(session, {
      onStatus: (status, detail) => this.setStatus(status, detail),
      onMessage: (message) => {
        const view = this.rooms.get(message.room);
        if (!view?.add(message) || view === this.active) return;
        view.unread += 1;
        this.renderRoomList();
      },
      onPresence: (room, members) => this.rooms.get(room)?.setMembers(members),
      onTyping: (room, user) => this.rooms.get(room)?.showTyping(user),
      onRejoined: (room) =>
        void this.rooms
          .get(room)
          ?.fillGap()
          .catch((error: unknown) => this.notice.error(error)),
      onError: (error) => this.notice.error(error),
    });
    this.me.textContent = session.user.displayName;

    const roomName = field('Room name', {
      name: 'room',
      required: true,
      pattern: '[a-z0-9][a-z0-9_\\-]{0,63}',
      autocomplete: 'off',
      placeholder: 'general',
    });
    const joinForm = h('form', { class: 'join' }, roomName.wrapper, h('button', { type: 'submit' }, 'Join'));
    joinForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.join(roomName.input.value.trim().toLowerCase()).then(() => (roomName.input.value = ''));
    });

    const account = h('button', { type: 'button', onclick: () => this.showAccount() }, 'Account');
    const logOut = h('button', { type: 'button', onclick: () => void session.logOut() }, 'Log out');
    this.element = h(
      'div',
      { class: 'shell' },
      h('header', { class: 'top' }, h('h1', {}, 'koa-jwt-chat'), h('p', { class: 'who' }, 'Signed in as ', this.me), account, logOut),
      this.status,
      this.notice.element,
      h('div', { class: 'layout' }, h('nav', { 'aria-label': 'Rooms' }, h('h2', {}, 'Rooms'), joinForm, this.roomList), this.main),
    );
    this.showEmpty();
  }

  private async join(room: string): Promise<void> {
    this.notice.clear();
    const existing = this.rooms.get(room);
    if (existing) return this.open(existing);
    const view = new RoomView(room, this.connection);
    try {
      view.setMembers(await this.connection.join(room));
      this.rooms.set(room, view);
      this.open(view);
      await view.loadLatest();
    } catch (error) {
      this.notice.error(error);
    }
  }

  private open(view: RoomView): void {
    this.active = view;
    view.unread = 0;
    replaceChildren(this.main, view.element);
    this.renderRoomList();
    view.focus();
  }

  private renderRoomList(): void {
    const items = [...this.rooms.values()].map((view) => {
      const button = h(
        'button',
        { type: 'button', class: 'room-link', 'aria-current': view === this.active ? 'page' : undefined, onclick: () => this.open(view) },
        `# ${view.room}`,
        view.unread > 0 ? h('span', { class: 'badge' }, ` ${view.unread} unread`) : null,
      );
      return h('li', {}, button);
    });
    replaceChildren(this.roomList, ...items);
  }

  private showAccount(): void {
    this.active = undefined;
    this.renderRoomList();
    replaceChildren(
      this.main,
      accountView(
        this.session,
        (user) => (this.me.textContent = user.displayName),
        () => this.showEmpty(),
      ),
    );
  }

  private showEmpty(): void {
    const first = this.rooms.values().next().value;
    if (first) return this.open(first);
    replaceChildren(
      this.main,
      h('p', { class: 'empty' }, 'Join a room to start chatting: type its name under Rooms, for example "general".'),
    );
  }

  private setStatus(status: ConnectionStatus, detail?: string): void {
    // Failed retries repeat "reconnecting": keep saying why the connection went (server gone, offline).
    if (status === this.status.dataset.state && !detail) return;
    this.status.textContent = detail && STATUS_DETAIL[detail] ? STATUS_DETAIL[detail] : STATUS_TEXT[status];
    this.status.dataset.state = status;
  }
}
