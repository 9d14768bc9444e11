import type { ChatApi } from '../chat-api';
import { roomTitle, type ChatMessage, type ChatUser, type MyRoom, type RoomInfo } from '../chat-types';
import { h } from '../dom';
import { Composer } from './composer';
import { MessageStore } from '../message-store';
import { renderMessage, type MessageActions } from './message-view';
import { Notice } from './notice';
import { RoomMembersView, type MemberActions } from './room-members-view';
import { TypingIndicator } from './typing-indicator';

/** One open room: its conversation log, who is here and typing, the message form. */
export class RoomView {
  readonly store = new MessageStore();
  readonly element: HTMLElement;
  readonly members: RoomMembersView;
  private readonly log: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly typing = new TypingIndicator();
  private readonly older = h('button', { type: 'button', class: 'older', hidden: true }, 'Load older messages');
  private readonly notice = new Notice();
  private readonly composer: Composer;
  private syncing: Promise<void> | undefined;
  /** Direct rooms: the highest seq the other member has read (message:read). */
  private peerReadSeq = 0;

  constructor(
    readonly room: MyRoom,
    private readonly api: ChatApi,
    private readonly me: ChatUser,
    people: ReadonlyMap<string, ChatUser>,
    memberActions: MemberActions,
  ) {
    const title = roomTitle(room);
    this.log = h('div', { class: 'log', role: 'log', 'aria-label': title, tabindex: 0 });
    this.heading = h('h2', { id: `room-${room.id}` }, room.kind === 'public' ? `# ${title}` : title);
    this.members = new RoomMembersView(room, title, me, people, memberActions);
    this.older.addEventListener('click', () => void this.loadOlder());
    this.composer = new Composer({
      // A failed send keeps the text (and its id, for the retry) and says why.
      send: (text, clientMsgId) => this.attempt(async () => void this.live(await this.api.send(room.id, text, clientMsgId)), true),
      typing: () => this.api.typing(room.id),
    });
    this.element = h(
      'section',
      { class: 'room', 'aria-labelledby': `room-${room.id}` },
      h('header', { class: 'room-header' }, this.heading, this.members.element),
      this.older,
      this.log,
      this.typing.element,
      this.notice.element,
      this.composer.element,
    );
  }

  focus(): void {
    this.composer.focus();
  }

  /** After room:updated: the heading and the log's accessible name follow the new name. */
  rename(info: RoomInfo): void {
    this.heading.textContent = info.kind === 'public' ? `# ${info.name}` : info.name;
    this.log.setAttribute('aria-label', info.name);
    this.members.setInfo(info);
  }

  /** Shows a message where its seq belongs (live, history, sync, edit, delete); false if nothing changed. */
  apply(message: ChatMessage): boolean {
    const applied = this.store.apply(message);
    if (applied.change === 'none') return false;
    const element = renderMessage(message, message.author.id === this.me.id, this.messageActions);
    if (applied.change === 'replaced') {
      this.log.children[applied.index]?.replaceWith(element);
    } else {
      const stick = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 40;
      this.log.insertBefore(element, this.log.children[applied.index] ?? null);
      this.typing.stop(message.author.id);
      if (stick && applied.index === this.store.size - 1) this.log.scrollTop = this.log.scrollHeight;
    }
    this.showReceipt();
    return true;
  }

  /** A live message: applied, and a sync started when its seq shows that one was missed. */
  live(message: ChatMessage): boolean {
    const gap = this.store.size > 0 && message.seq > this.store.syncFrom + 1;
    const shown = this.apply(message);
    if (gap) void this.catchUp().catch((error: unknown) => this.notice.error(error));
    return shown;
  }

  setMembers(members: ChatUser[]): void {
    this.members.setMembers(members);
  }

  showTyping(user: ChatUser): void {
    this.typing.show(user);
  }

  /** Direct rooms: the other member has read up to `seq`. */
  peerRead(seq: number): void {
    this.peerReadSeq = Math.max(this.peerReadSeq, seq);
    this.showReceipt();
  }

  /** The newest page of history, when the room is first opened. */
  async loadLatest(): Promise<void> {
    const page = await this.api.history(this.room.id);
    for (const message of page.messages) this.apply(message);
    this.setCursor(page.nextBefore);
    this.log.scrollTop = this.log.scrollHeight;
  }

  /**
   * Everything after the last seq held, page by page (message:sync): after a reconnect, or when
   * a live message skipped a seq. Messages sent while away appear once each, in order; edits and
   * deletes made meanwhile come with them. One sync at a time.
   */
  catchUp(): Promise<void> {
    this.syncing ??= (async () => {
      let afterSeq = this.store.syncFrom;
      for (;;) {
        const page = await this.api.sync(this.room.id, afterSeq);
        for (const message of page.messages) this.apply(message);
        if (!page.hasMore) return;
        afterSeq = page.nextAfterSeq;
      }
    })().finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  private readonly messageActions: MessageActions = {
    edit: (seq, text) => this.attempt(async () => void this.apply(await this.api.edit(this.room.id, seq, text))),
    remove: (seq) => this.attempt(async () => void this.apply(await this.api.deleteMessage(this.room.id, seq))),
  };

  /** Runs a request, showing its failure here; `rethrow` lets the caller know it failed too. */
  private async attempt(work: () => Promise<void>, rethrow = false): Promise<void> {
    this.notice.clear();
    try {
      await work();
    } catch (error) {
      this.notice.error(error);
      if (rethrow) throw error;
    }
  }

  /** "Seen" under my newest message the other member has read (direct rooms only send receipts). */
  private showReceipt(): void {
    this.log.querySelector('.receipt')?.remove();
    if (this.room.kind !== 'direct' || this.peerReadSeq === 0) return;
    const articles = [...this.log.children] as HTMLElement[];
    const seen = articles.reverse().find((article) => {
      const message = this.store.get(Number(article.dataset.seq));
      return message !== undefined && message.author.id === this.me.id && message.seq <= this.peerReadSeq;
    });
    seen?.append(h('p', { class: 'receipt' }, 'Seen'));
  }

  private async loadOlder(): Promise<void> {
    if (!this.store.olderCursor) return;
    await this.attempt(async () => {
      const page = await this.api.history(this.room.id, this.store.olderCursor);
      const from = this.log.scrollHeight - this.log.scrollTop;
      for (const message of page.messages) this.apply(message);
      this.log.scrollTop = this.log.scrollHeight - from;
      this.setCursor(page.nextBefore);
    });
  }

  private setCursor(cursor: string | null): void {
    this.store.olderCursor = cursor;
    this.older.hidden = cursor === null;
  }
}
