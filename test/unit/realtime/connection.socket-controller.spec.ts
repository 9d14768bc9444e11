import type { Socket } from 'socket.io';
import { TokenError } from '../../../src/auth/auth.errors';
import type { AuthorizationChecker } from '../../../src/auth/authorization/authorization-checker';
import { createLogger } from '../../../src/common/logger';
import { ConnectionSocketController } from '../../../src/realtime/connection.socket-controller';
import type { SocketData } from '../../../src/realtime/socket-data';
import type { TokenExpiryTimers } from '../../../src/realtime/token-expiry.timers';
import type { Principal } from '../../../src/users/principal';

function fakeSocket(steps: string[]) {
  const data: SocketData = { user: { id: 'u1', displayName: 'Ann' }, sessionId: 's1', tokenExpiresAt: Date.now() + 60_000 };
  return {
    id: 'socket-1',
    data,
    handshake: { auth: { token: 'a.b.c' }, headers: {} },
    join: jest.fn(async (rooms: string[]) => void steps.push(`join ${rooms.join(',')}`)),
    disconnect: jest.fn(() => void steps.push('disconnect')),
    emit: jest.fn((event: string) => void steps.push(`emit ${event}`)),
  };
}

function controllerWith(verify: () => Promise<Principal>, steps: string[]) {
  const checker = { verify: jest.fn(async (token: string | undefined) => (steps.push(`verify ${token}`), verify())) };
  const expiry = { arm: jest.fn(() => void steps.push('arm')), clear: jest.fn() };
  const controller = new ConnectionSocketController(
    checker as unknown as AuthorizationChecker,
    expiry as unknown as TokenExpiryTimers,
    createLogger('silent'),
  );
  return { controller, checker };
}

describe('ConnectionSocketController.connected', () => {
  it('joins the revocation rooms before checking the token again, then greets', async () => {
    const steps: string[] = [];
    const socket = fakeSocket(steps);
    const { controller } = controllerWith(async () => ({}) as Principal, steps);
    await controller.connected(socket as unknown as Socket);
    expect(steps).toEqual(['join user:u1,session:s1', 'verify a.b.c', 'arm', 'emit authenticated']);
  });

  it('disconnects a socket whose token was revoked while it was connecting', async () => {
    const steps: string[] = [];
    const socket = fakeSocket(steps);
    const { controller } = controllerWith(() => Promise.reject(new TokenError('token_revoked')), steps);
    await controller.connected(socket as unknown as Socket);
    expect(steps).toEqual(['join user:u1,session:s1', 'verify a.b.c', 'disconnect']);
    expect(socket.disconnect).toHaveBeenCalledWith(true);
  });
});
