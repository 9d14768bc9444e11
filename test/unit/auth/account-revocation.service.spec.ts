import { AccountRevocationService } from '../../../src/auth/account-revocation.service';
import type { ClientInfo } from '../../../src/common/http/client-info';
import { RevocationEvents } from '../../../src/security/revocation-events';
import type { SecurityLog } from '../../../src/security/security-log';
import type { SessionsService } from '../../../src/sessions/sessions.service';
import { aUserRecord, fakeUsersRepository } from '../../fixtures/fakes';

describe('AccountRevocationService', () => {
  const client: ClientInfo = { ip: '203.0.113.9', requestId: 'req-9' };

  function setUp() {
    const user = aUserRecord({ tokenVersion: 3, passwordHash: 'old-hash' });
    const users = fakeUsersRepository([user]);
    const steps: string[] = [];
    const sessions = { revokeUserSessions: jest.fn(async () => void steps.push('sessions')) };
    const securityLog = { record: jest.fn(() => void steps.push('log')) };
    const events = new RevocationEvents();
    events.on('userRevoked', () => steps.push('event'));
    users.repository.bumpTokenVersion.mockImplementation(async (id: string, passwordHash?: string) => {
      steps.push('bump');
      return { ...user, id, tokenVersion: user.tokenVersion + 1, passwordHash: passwordHash ?? user.passwordHash };
    });
    const service = new AccountRevocationService(
      users.asRepository,
      sessions as unknown as SessionsService,
      events,
      securityLog as unknown as SecurityLog,
    );
    return { user, users, sessions, securityLog, steps, service };
  }

  it('bumps tokenVersion before anything else, then ends sessions, logs, and tells the sockets', async () => {
    const { user, steps, sessions, service } = setUp();
    const updated = await service.revokeAccount(user.id, client, { reason: 'logout_all' });
    expect(updated.tokenVersion).toBe(4);
    expect(steps).toEqual(['bump', 'sessions', 'log', 'event']);
    expect(sessions.revokeUserSessions).toHaveBeenCalledWith(user.id, 'logout_all', undefined);
  });

  it('writes a new password hash in the same update as the bump and keeps the caller’s session', async () => {
    const { user, users, sessions, securityLog, service } = setUp();
    const updated = await service.revokeAccount(user.id, client, {
      reason: 'password_changed',
      keepSessionId: 's-1',
      passwordHash: 'new-hash',
    });
    expect(users.repository.bumpTokenVersion).toHaveBeenCalledWith(user.id, 'new-hash');
    expect(users.repository.updatePasswordHash).not.toHaveBeenCalled();
    expect(updated.passwordHash).toBe('new-hash');
    expect(sessions.revokeUserSessions).toHaveBeenCalledWith(user.id, 'password_changed', 's-1');
    expect(securityLog.record).toHaveBeenCalledWith('password_changed', client, { userId: user.id, sessionId: 's-1' });
  });

  it('refuses an unknown user with 404 and revokes nothing', async () => {
    const { users, steps, service } = setUp();
    users.repository.bumpTokenVersion.mockResolvedValueOnce(undefined);
    await expect(service.revokeAccount('0123456789abcdef01234567', client, { reason: 'logout_all' })).rejects.toMatchObject({
      status: 404,
    });
    expect(steps).toEqual([]);
  });
});
