import { CredentialsService } from '../../../src/auth/credentials.service';
import { PasswordHasher } from '../../../src/security/password-hasher';
import { AccountDisabledError } from '../../../src/users/users.errors';
import { aUserRecord, fakePasswordHasher, fakeUsersRepository } from '../../fixtures/fakes';
import { testConfig } from '../../support/config';

describe('CredentialsService.validate', () => {
  const password = 'correct horse battery staple';

  describe('with a fake hasher', () => {
    const setUp = () => {
      const user = aUserRecord({ email: 'ada@example.test', passwordHash: `hashed:${password}` });
      const users = fakeUsersRepository([user]);
      const hasher = fakePasswordHasher();
      return { user, users, hasher, service: new CredentialsService(users.asRepository, hasher.asHasher) };
    };

    it('returns the user for the right password', async () => {
      const { user, service } = setUp();
      expect(await service.validate('ada@example.test', password)).toEqual(user);
    });

    it('looks the email up through the repository as given (the repository normalises it)', async () => {
      const { users, service } = setUp();
      await service.validate('  ADA@example.test ', password);
      expect(users.repository.findByEmail).toHaveBeenCalledWith('  ADA@example.test ');
    });

    it('returns undefined for a wrong password, and stores nothing', async () => {
      const { users, service } = setUp();
      expect(await service.validate('ada@example.test', 'wrong password')).toBeUndefined();
      expect(users.repository.updatePasswordHash).not.toHaveBeenCalled();
    });

    it('still verifies the password against a dummy hash when the email is unknown', async () => {
      const { hasher, service } = setUp();
      expect(await service.validate('nobody@example.test', password)).toBeUndefined();
      expect(hasher.hasher.verifyAgainstDummy).toHaveBeenCalledWith(password);
      expect(hasher.hasher.verify).not.toHaveBeenCalled();
    });

    it('does not rehash a current hash', async () => {
      const { users, hasher, service } = setUp();
      await service.validate('ada@example.test', password);
      expect(hasher.hasher.hash).not.toHaveBeenCalled();
      expect(users.repository.updatePasswordHash).not.toHaveBeenCalled();
    });

    it('refuses a disabled account with AccountDisabledError only when the password is right', async () => {
      const { user, users, service } = setUp();
      await users.repository.setStatus(user.id, 'disabled');
      await expect(service.validate('ada@example.test', password)).rejects.toBeInstanceOf(AccountDisabledError);
      expect(await service.validate('ada@example.test', 'wrong password')).toBeUndefined();
    });

    it('propagates a repository failure instead of reporting bad credentials', async () => {
      const { users, service } = setUp();
      users.repository.findByEmail.mockRejectedValueOnce(new Error('database down'));
      await expect(service.validate('ada@example.test', password)).rejects.toThrow('database down');
    });
  });

  describe('with real hashers', () => {
    it('upgrades the stored hash when the configured parameters changed, and returns the new one', async () => {
      const oldHash = await new PasswordHasher(testConfig()).hash(password);
      const user = aUserRecord({ passwordHash: oldHash });
      const users = fakeUsersRepository([user]);
      const raised = new PasswordHasher(testConfig({ ARGON2_TIME_COST: '3' }));
      const service = new CredentialsService(users.asRepository, raised);

      const result = await service.validate(user.email, password);

      const newHash = users.stored(user.id)!.passwordHash;
      expect(users.repository.updatePasswordHash).toHaveBeenCalledWith(user.id, newHash);
      expect(newHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=3,p=1\$/);
      expect(await raised.verify(newHash, password)).toBe(true);
      expect(result).toEqual({ ...user, passwordHash: newHash });
    });

    it('does not upgrade the hash on a wrong password', async () => {
      const user = aUserRecord({ passwordHash: await new PasswordHasher(testConfig()).hash(password) });
      const users = fakeUsersRepository([user]);
      const service = new CredentialsService(users.asRepository, new PasswordHasher(testConfig({ ARGON2_TIME_COST: '3' })));
      expect(await service.validate(user.email, 'wrong password')).toBeUndefined();
      expect(users.repository.updatePasswordHash).not.toHaveBeenCalled();
    });

    it('returns undefined, without throwing, when the stored hash is corrupt', async () => {
      const user = aUserRecord({ passwordHash: 'corrupt' });
      const service = new CredentialsService(fakeUsersRepository([user]).asRepository, new PasswordHasher(testConfig()));
      await expect(service.validate(user.email, password)).resolves.toBeUndefined();
    });
  });
});
