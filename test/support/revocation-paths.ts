import { randomUUID } from 'node:crypto';
import type supertest from 'supertest';
import type { LoggedIn } from '../fixtures/users';

type TestAgent = ReturnType<typeof supertest>;

/** One way a user's access token dies; `revoke` ends `user.accessToken` through the public API. */
export interface RevocationPath {
  name: string;
  revoke(http: TestAgent, user: LoggedIn): Promise<void>;
}

const bearer = (user: LoggedIn) => `Bearer ${user.accessToken}`;

/** Every revocation path of the API, for tests that check each one reaches the account cache. */
export const REVOCATION_PATHS: readonly RevocationPath[] = [
  {
    name: 'logout',
    revoke: async (http, user) => void (await http.post('/auth/logout').send({ refreshToken: user.refreshToken }).expect(204)),
  },
  {
    name: 'logout-all',
    revoke: async (http, user) => void (await http.post('/auth/logout-all').set('Authorization', bearer(user)).expect(204)),
  },
  {
    name: 'password change',
    revoke: async (http, user) => {
      const newPassword = `another long passphrase ${randomUUID()}`;
      await http
        .post('/users/me/password')
        .set('Authorization', bearer(user))
        .send({ currentPassword: user.password, newPassword })
        .expect(200);
    },
  },
  {
    name: 'session delete',
    revoke: async (http, user) => {
      const sessions = (await http.get('/auth/sessions').set('Authorization', bearer(user)).expect(200)).body as {
        id: string;
        current: boolean;
      }[];
      const current = sessions.find((session) => session.current)!;
      await http.delete(`/auth/sessions/${current.id}`).set('Authorization', bearer(user)).expect(204);
    },
  },
  {
    name: 'refresh reuse',
    revoke: async (http, user) => {
      await http.post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
      // The spent token presented again: the family (the access token's session) is revoked.
      await http.post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    },
  },
];
