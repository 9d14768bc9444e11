/** Accounts and tokens the measurements need, made through the public API like any client would. */
export const PASSWORD = 'correct horse battery staple';

export async function postJson<T>(url: string, body: object, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url} -> ${response.status}: ${text.slice(0, 300)}`);
  return (text.startsWith('{') ? JSON.parse(text) : text) as T;
}

export interface Login {
  accessToken: string;
  refreshToken: string;
}

/** Registers `count` users named `<prefix>-<n>` on the app and logs each in once, `concurrency` at a time. */
export async function appUsers(appUrl: string, prefix: string, count: number, concurrency = 4): Promise<Array<Login & { email: string }>> {
  const users: Array<Login & { email: string }> = [];
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const email = `${prefix}-${next++}@example.test`;
      await postJson(`${appUrl}/users`, { email, password: PASSWORD, displayName: email.split('@')[0]! });
      users.push({ email, ...(await appLogin(appUrl, email)) });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return users;
}

export function appLogin(appUrl: string, email: string): Promise<Login> {
  return postJson<Login>(`${appUrl}/auth/login`, { email, password: PASSWORD });
}

/** The article's own flow: POST /user, then POST /login answers `{ user, token: "JWT <jwt>" }`. */
export async function articleToken(articleUrl: string): Promise<string> {
  const email = 'bench-article@example.test';
  await postJson(`${articleUrl}/user`, { email, password: PASSWORD, displayName: 'Bench article' });
  const { token } = await postJson<{ token: string }>(`${articleUrl}/login`, { email, password: PASSWORD });
  return token;
}

/** `count` tokens spread `perUser` to a user: the app caps connections per user. */
export function spreadTokens(tokens: readonly string[], count: number, perUser: number): string[] {
  if (tokens.length * perUser < count) throw new Error(`need ${Math.ceil(count / perUser)} users for ${count} sockets`);
  return Array.from({ length: count }, (_, i) => tokens[Math.floor(i / perUser)]!);
}
