import type { SocketFeature } from '../realtime/socket-feature';
import { CHAT_MAX_EVENT_BYTES } from './chat.constants';
import { ChatSocketController } from './chat.socket-controller';
import { RoomPresence } from './room-presence';
import { RoomsSocketController } from './rooms.socket-controller';

/** Chat over the realtime transport: rooms, messages, read pointers, typing, presence. */
export const chatSocketFeature: SocketFeature = {
  controllers: [RoomsSocketController, ChatSocketController],
  maxEventBytes: CHAT_MAX_EVENT_BYTES,
  // Users still connected here leave their rooms first, so the other instances hear of it.
  drain: (container) => container.get(RoomPresence).idle(),
};
