import type { Server } from 'socket.io';
import { Token } from 'typedi';

/** Typed container key for this app's socket.io server. */
export const SOCKET_SERVER = new Token<Server>('socket-server');
