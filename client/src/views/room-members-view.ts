import type { ChatUser, RoomInfo } from '../chat-types';
import { field, h, replaceChildren } from '../dom';

export interface MemberActions {
  openDirect(user: ChatUser): Promise<void>;
  invite(userId: string): Promise<void>;
  rename(name: string): Promise<void>;
  remove(user: ChatUser): Promise<void>;
  leave(): Promise<void>;
  deleteRoom(): Promise<void>;
}

/**
 * Who is here (presence), and what I may do about it: message someone directly; in a room I own,
 * invite people I have met and remove members, or delete the room; elsewhere, leave it.
 * Direct rooms are fixed: two members, nothing to manage.
 */
export class RoomMembersView {
  readonly element: HTMLElement;
  private readonly online: HTMLUListElement;
  private readonly inviteSelect = h('select', { id: `invite-${Math.random().toString(36).slice(2, 8)}`, name: 'userId' });
  private members: ChatUser[] = [];

  constructor(
    private info: RoomInfo,
    title: string,
    private readonly me: ChatUser,
    /** Everyone this page has seen (presence, direct rooms, authors): the people one can invite. */
    private readonly people: ReadonlyMap<string, ChatUser>,
    private readonly actions: MemberActions,
  ) {
    this.online = h('ul', { class: 'members', 'aria-label': `Online in ${title}` });
    this.element = h('div', { class: 'presence' });
    this.inviteSelect.addEventListener('focus', () => this.renderInviteOptions());
    this.render();
  }

  get owned(): boolean {
    return this.info.kind !== 'direct' && this.info.ownerId === this.me.id;
  }

  /** After a rename (room:updated); direct rooms, whose name is empty, are never renamed. */
  setInfo(info: RoomInfo): void {
    this.info = info;
    this.online.setAttribute('aria-label', `Online in ${info.name}`);
    this.render();
  }

  setMembers(members: ChatUser[]): void {
    this.members = members;
    this.renderOnline();
    this.renderInviteOptions();
  }

  private render(): void {
    const parts: HTMLElement[] = [h('span', { class: 'muted' }, 'Here: '), this.online];
    if (this.owned) {
      const form = h(
        'form',
        { class: 'invite' },
        h('label', { for: this.inviteSelect.id }, 'Invite'),
        this.inviteSelect,
        h('button', { type: 'submit' }, 'Invite'),
      );
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        if (this.inviteSelect.value) void this.actions.invite(this.inviteSelect.value);
      });
      this.inviteSelect.addEventListener('focus', () => this.renderInviteOptions());
      const name = field('Rename room', { name: 'name', value: this.info.name, required: true, maxlength: 64, autocomplete: 'off' });
      const rename = h('form', { class: 'invite' }, name.wrapper, h('button', { type: 'submit' }, 'Rename'));
      rename.addEventListener('submit', (event) => {
        event.preventDefault();
        if (name.input.value.trim()) void this.actions.rename(name.input.value.trim());
      });
      parts.push(
        form,
        rename,
        h('button', { type: 'button', class: 'danger', onclick: () => void this.actions.deleteRoom() }, 'Delete room'),
      );
    } else if (this.info.kind !== 'direct') {
      parts.push(h('button', { type: 'button', class: 'link', onclick: () => void this.actions.leave() }, 'Leave room'));
    }
    replaceChildren(this.element, ...parts);
    this.renderOnline();
    this.renderInviteOptions();
  }

  private renderOnline(): void {
    const items = this.members.map((member) => {
      const buttons: HTMLElement[] = [];
      if (member.id !== this.me.id && this.info.kind !== 'direct')
        buttons.push(
          h(
            'button',
            { type: 'button', class: 'link', onclick: () => void this.actions.openDirect(member) },
            `Message ${member.displayName}`,
          ),
        );
      if (member.id !== this.me.id && this.owned)
        buttons.push(
          h('button', { type: 'button', class: 'link', onclick: () => void this.actions.remove(member) }, `Remove ${member.displayName}`),
        );
      return h('li', {}, h('span', {}, member.displayName), ...buttons.flatMap((button) => [' ', button]));
    });
    replaceChildren(this.online, ...items);
  }

  private renderInviteOptions(): void {
    if (!this.owned) return;
    const here = new Set(this.members.map((member) => member.id));
    const candidates = [...this.people.values()].filter((person) => person.id !== this.me.id && !here.has(person.id));
    const chosen = this.inviteSelect.value;
    replaceChildren(
      this.inviteSelect,
      h('option', { value: '' }, candidates.length ? 'Choose someone' : 'Nobody to invite yet'),
      ...candidates.map((person) => h('option', { value: person.id, selected: person.id === chosen }, person.displayName)),
    );
  }
}
