export interface ChatUser {
  id: string;
  displayName: string;
}

export interface ChatMessage {
  id: string;
  room: string;
  text: string;
  author: ChatUser;
  createdAt: string;
}

export interface HistoryPage {
  messages: ChatMessage[];
  nextBefore: string | null;
}
