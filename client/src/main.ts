import './styles.css';
import type { ApiError } from './api';
import { describeError } from './error-messages';
import { Session } from './session';
import { authView } from './views/auth-view';
import { ChatView } from './views/chat-view';

/** The page: signed out it shows the log-in form, signed in the chat. */
const root = document.getElementById('app')!;
let chat: ChatView | undefined;

function showSignedOut(message?: string): void {
  root.replaceChildren(authView({ logIn }, 'login', message));
}

async function logIn(email: string, password: string): Promise<void> {
  const session = await Session.logIn(email, password, {
    onAccessToken: (token) => chat?.connection.updateToken(token),
    onEnded: (reason?: ApiError) => {
      chat?.connection.close();
      chat = undefined;
      showSignedOut(reason ? describeError(reason) : 'You are logged out.');
    },
  });
  chat = new ChatView(session);
  root.replaceChildren(chat.element);
}

showSignedOut();
