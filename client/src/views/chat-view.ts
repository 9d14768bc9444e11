import { ChatConnection, type ConnectionStatus } from '../chat-connection';
import { h, replaceChildren } from '../dom';
import type { Session } from '../session';
import { accountView } from './account-view';
import { Notice } from './notice';
import { RoomsPanel } from './rooms-panel';

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
  private readonly rooms: RoomsPanel;
  private readonly main = h('main', { class: 'main' });
  private readonly status = h('p', { class: 'status', role: 'status' });
  private readonly notice = new Notice();
  private readonly me = h('span', { class: 'me' });

  constructor(private readonly session: Session) {
    this.connection = new ChatConnection(session, {
      onStatus: (status, detail) => this.setStatus(status, detail),
      onConnected: () => void this.rooms.connected(),
    });
    this.rooms = new RoomsPanel(this.connection, { id: session.user.id, displayName: session.user.displayName }, this.main, this.notice);
    this.me.textContent = session.user.displayName;

    const account = h('button', { type: 'button', onclick: () => this.showAccount() }, 'Account');
    const logOut = h('button', { type: 'button', onclick: () => void session.logOut() }, 'Log out');
    this.element = h(
      'div',
      { class: 'shell' },
      h('header', { class: 'top' }, h('h1', {}, 'koa-jwt-chat'), h('p', { class: 'who' }, 'Signed in as ', this.me), account, logOut),
      this.status,
      this.notice.element,
      h('div', { class: 'layout' }, this.rooms.nav.element, this.main),
    );
    replaceChildren(this.main, h('p', { class: 'empty' }, 'Loading your rooms…'));
  }

  private showAccount(): void {
    this.rooms.deactivate();
    replaceChildren(
      this.main,
      accountView(
        this.session,
        (user) => (this.me.textContent = user.displayName),
        () => this.rooms.showEmpty(),
      ),
    );
  }

  private setStatus(status: ConnectionStatus, detail?: string): void {
    // Failed retries repeat "reconnecting": keep saying why the connection went (server gone, offline).
    if (status === this.status.dataset.state && !detail) return;
    this.status.textContent = detail && STATUS_DETAIL[detail] ? STATUS_DETAIL[detail] : STATUS_TEXT[status];
    this.status.dataset.state = status;
  }
}
