import { useLoggedInUser, useTestApp } from '../support/suite';

describe('security: NoSQL operator injection and hostile bodies', () => {
  const t = useTestApp();
  const user = useLoggedInUser(t);

  it('refuses operators in a JSON login body with 400, never logging anyone in', async () => {
    for (const body of [
      { email: { $gt: '' }, password: { $gt: '' } },
      { email: user.email, password: { $ne: null } },
      { email: { $regex: '.*' }, password: 'x' },
    ]) {
      const res = await t.http.post('/auth/login').send(body).expect(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.accessToken).toBeUndefined();
    }
  });

  it('refuses operators in an urlencoded login body (email[$gt]=) with 400', async () => {
    const res = await t.http.post('/auth/login').type('form').send(`email[$gt]=&password[$gt]=`).expect(400);
    expect(res.body.code).toBe('validation_failed');
    const mixed = await t.http
      .post('/auth/login')
      .type('form')
      .send(`email=${encodeURIComponent(user.email)}&password[$ne]=x`)
      .expect(400);
    expect(mixed.body.code).toBe('validation_failed');
  });

  it('still accepts a legitimate urlencoded login', async () => {
    await t.http.post('/auth/login').type('form').send({ email: user.email, password: user.password }).expect(200);
  });

  it('refuses operators in refresh and logout bodies', async () => {
    await t.http.post('/auth/refresh').type('form').send('refreshToken[$ne]=x').expect(400);
    await t.http
      .post('/auth/logout')
      .send({ refreshToken: { $gt: '' } })
      .expect(400);
  });

  it('refuses prototype-pollution keys', async () => {
    const res = await t.http
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email":"a@b.test","password":"x","__proto__":{"roles":["admin"]}}')
      .expect(400);
    expect(res.body.code).toBe('malformed_body');
  });
});
