import { roomTitle, type MyRoom, type RoomInfo, type RoomKind } from '../chat-types';
import { field, h, replaceChildren } from '../dom';

export interface RoomListActions {
  open(room: string): void;
  /** Join a public room by its address (creating it when new). */
  join(address: string): Promise<void>;
  create(name: string, kind: Exclude<RoomKind, 'direct'>): Promise<void>;
}

const ADDRESS_PATTERN = '[a-z0-9][a-z0-9_\\-]{0,63}';
const PREFIX: Record<RoomKind, string> = { public: '# ', private: '🔒 ', direct: '@ ' };

/** The "Rooms" navigation: my rooms with unread counts and last messages, join, create, discover. */
export class RoomListView {
  readonly element: HTMLElement;
  private readonly list = h('ul', { class: 'room-list' });
  private readonly discover = h('ul', { class: 'room-list', 'aria-label': 'Public rooms to join' });
  private readonly tools: HTMLDetailsElement;
  private listed = false;

  constructor(private readonly actions: RoomListActions) {
    const address = field('Room name', {
      name: 'room',
      required: true,
      pattern: ADDRESS_PATTERN,
      autocomplete: 'off',
      placeholder: 'general',
    });
    const joinForm = h('form', { class: 'join' }, address.wrapper, h('button', { type: 'submit' }, 'Join'));
    joinForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void actions.join(address.input.value.trim().toLowerCase()).then(() => (address.input.value = ''));
    });

    const name = field('New room', { name: 'name', required: true, maxlength: 64, autocomplete: 'off' });
    const kind = h(
      'select',
      { id: 'new-room-kind', name: 'kind' },
      h('option', { value: 'public' }, 'Public'),
      h('option', { value: 'private' }, 'Private (invited only)'),
    );
    const createForm = h(
      'form',
      { class: 'join' },
      name.wrapper,
      h('p', { class: 'field' }, h('label', { for: 'new-room-kind' }, 'Visibility'), kind),
      h('button', { type: 'submit' }, 'Create room'),
    );
    createForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const chosen = kind.value === 'private' ? 'private' : 'public';
      // A public room's name is its address: lower case, as the join form asks.
      const value = chosen === 'public' ? name.input.value.trim().toLowerCase() : name.input.value.trim();
      void actions.create(value, chosen).then(() => (name.input.value = ''));
    });

    this.tools = h('details', { class: 'room-tools', open: true }, h('summary', {}, 'Join or create a room'), joinForm, createForm);
    this.element = h(
      'nav',
      { 'aria-label': 'Rooms' },
      h('h2', {}, 'Rooms'),
      this.list,
      this.tools,
      h('h3', {}, 'Public rooms'),
      this.discover,
    );
  }

  render(rooms: readonly MyRoom[], discover: readonly RoomInfo[], active: string | undefined): void {
    // Joining and creating stay folded away (small screens) once there are rooms to talk in.
    if (!this.listed) this.tools.open = rooms.length === 0;
    this.listed = true;
    replaceChildren(this.list, ...rooms.map((room) => h('li', {}, this.roomButton(room, room.id === active))));
    replaceChildren(
      this.discover,
      ...(discover.length === 0
        ? [h('li', { class: 'muted' }, 'No other public rooms yet.')]
        : discover.map((room) =>
            h(
              'li',
              {},
              h('button', { type: 'button', class: 'room-link', onclick: () => void this.actions.join(room.id) }, `Join # ${room.name}`),
            ),
          )),
    );
  }

  private roomButton(room: MyRoom, current: boolean): HTMLElement {
    const last = room.lastMessage;
    const preview = last ? `${last.author.displayName}: ${last.deleted ? 'message deleted' : (last.text ?? '')}` : 'No messages yet';
    return h(
      'button',
      { type: 'button', class: 'room-link', 'aria-current': current ? 'page' : undefined, onclick: () => this.actions.open(room.id) },
      h('span', { class: 'room-name' }, PREFIX[room.kind], roomTitle(room)),
      room.unread > 0 ? h('span', { class: 'badge' }, ` ${room.unread} unread`) : null,
      h('small', { class: 'preview' }, preview),
    );
  }
}
