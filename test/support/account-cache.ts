import { once } from 'node:events';
import { AccountCache } from '../../src/auth/account-cache/account-cache';
import { RevocationChannel } from '../../src/auth/account-cache/revocation-channel';
import type { TestApp } from './test-app';

/** The app's account cache (what the authorization checker reads first). */
export function accountCache(t: Pick<TestApp, 'app'>): AccountCache {
  return t.app.container.get(AccountCache);
}

/** Resolves once the app's revocation channel is subscribed, i.e. its account cache answers. */
export async function revocationChannelUp(t: Pick<TestApp, 'app'>): Promise<void> {
  const channel = t.app.container.get(RevocationChannel);
  if (!channel.subscribed) await once(channel, 'subscribed');
}

/** Resolves once the app's revocation channel has noticed its connection is gone. */
export async function revocationChannelDown(t: Pick<TestApp, 'app'>): Promise<void> {
  const channel = t.app.container.get(RevocationChannel);
  if (channel.subscribed) await once(channel, 'lost');
}
