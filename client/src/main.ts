import './styles.css';
import type { ApiError } from './api';
import { h } from './dom';
import { describeError } from './error-messages';
import { Session, type SessionEvents } from './session';
import { authView } from './views/auth-view';
import { ChatView } from './views/chat-view';

/** The page: signed out it shows the log-in form, signed in the chat. */
const root = document.getElementById('app')!;
let chat: ChatView | undefined;

const events: SessionEvents = {
  onAccessToken: (token) => chat?.connection.updateToken(token),
  onEnded: (reason?: ApiError) => {
    chat?.connection.close();
    chat = undefined;
    showSignedOut(reason ? describeError(reason) : 'You are logged out.');
  },
};

function showSignedOut(message?: string): void {
  root.replaceChildren(authView({ logIn }, 'login', message));
}

function showChat(session: Session): void {
  chat = new ChatView(session);
  root.replaceChildren(chat.element);
}

async function logIn(email: string, password: string): Promise<void> {
  showChat(await Session.logIn(email, password, events));
}

/** A reload or a new tab: pick up this browser's session from the refresh cookie, if it has one. */
async function start(): Promise<void> {
  root.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Loading…'));
  try {
    const session = await Session.restore(events);
    if (session) showChat(session);
    else showSignedOut();
  } catch (error) {
    showSignedOut(describeError(error));
  }
}

void start();
