import { TooManyRequestsError } from '../../../src/common/errors/app-error';
import type { ClientInfo } from '../../../src/common/http/client-info';
import type { AuthThrottle } from '../../../src/security/auth-throttle';
import { RevocationEvents } from '../../../src/security/revocation-events';
import { DuplicateEmailError } from '../../../src/users/users.errors';
import { EmailTakenError } from '../../../src/users/users.errors';
import { UsersService } from '../../../src/users/users.service';
import { aUserRecord, fakePasswordHasher, fakeUsersRepository } from '../../fixtures/fakes';

describe('UsersService', () => {
  const input = { email: 'ada@example.test', password: 'correct horse battery staple', displayName: 'Ada' };

  const client: ClientInfo = { ip: '203.0.113.7', requestId: 'req-1' };

  const setUp = (existing = [aUserRecord({ email: 'taken@example.test' })]) => {
    const users = fakeUsersRepository(existing);
    const hasher = fakePasswordHasher();
    const throttle = { consumeRegistration: jest.fn(async (_client: ClientInfo) => undefined) };
    const service = new UsersService(users.asRepository, hasher.asHasher, throttle as unknown as AuthThrottle, new RevocationEvents());
    return { users, hasher, throttle, service };
  };

  describe('register', () => {
    it('stores the hash of the password, never the password', async () => {
      const { users, service } = setUp();
      const created = await service.register(input, client);
      expect(users.repository.create).toHaveBeenCalledWith({
        email: input.email,
        displayName: 'Ada',
        passwordHash: `hashed:${input.password}`,
      });
      expect(created).toMatchObject({ email: input.email, displayName: 'Ada', passwordHash: `hashed:${input.password}` });
    });

    it('refuses a taken email with EmailTakenError, before spending any hashing', async () => {
      const { users, hasher, service } = setUp();
      await expect(service.register({ ...input, email: 'taken@example.test' }, client)).rejects.toBeInstanceOf(EmailTakenError);
      expect(hasher.hasher.hash).not.toHaveBeenCalled();
      expect(users.repository.create).not.toHaveBeenCalled();
    });

    it('turns a duplicate reported by the repository (a concurrent registration) into EmailTakenError', async () => {
      const { users, service } = setUp([]);
      users.repository.create.mockRejectedValueOnce(new DuplicateEmailError());
      const refusal = service.register(input, client);
      await expect(refusal).rejects.toBeInstanceOf(EmailTakenError);
      await expect(refusal).rejects.toMatchObject({ status: 409, code: 'email_taken' });
    });

    it('spends the per-IP registration budget first, and does no work when it is exhausted', async () => {
      const { users, hasher, throttle, service } = setUp([]);
      throttle.consumeRegistration.mockRejectedValueOnce(new TooManyRequestsError(60));
      await expect(service.register(input, client)).rejects.toMatchObject({ status: 429 });
      expect(throttle.consumeRegistration).toHaveBeenCalledWith(client);
      expect(users.repository.findByEmail).not.toHaveBeenCalled();
      expect(hasher.hasher.hash).not.toHaveBeenCalled();
    });

    it('propagates any other repository failure unchanged', async () => {
      const { users, service } = setUp([]);
      const failure = new Error('connection reset');
      users.repository.create.mockRejectedValueOnce(failure);
      await expect(service.register(input, client)).rejects.toBe(failure);
    });
  });
});
