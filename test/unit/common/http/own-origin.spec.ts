import type { IncomingMessage } from 'node:http';
import { isAllowedOrigin, isOwnOrigin } from '../../../../src/common/http/own-origin';

function request(headers: Record<string, string>, encrypted = false): IncomingMessage {
  return { headers, socket: { encrypted } } as unknown as IncomingMessage;
}

describe('own origin', () => {
  it('matches the Origin against the scheme and Host the request arrived with', () => {
    expect(isOwnOrigin(request({ host: 'chat.example:3000', origin: 'http://chat.example:3000' }), false)).toBe(true);
    expect(isOwnOrigin(request({ host: 'CHAT.example:443', origin: 'https://chat.example' }, true), false)).toBe(true);
    expect(isOwnOrigin(request({ host: 'chat.example', origin: 'https://chat.example' }), false)).toBe(false);
    expect(isOwnOrigin(request({ host: 'chat.example', origin: 'http://evil.example' }), false)).toBe(false);
    expect(isOwnOrigin(request({ host: 'chat.example', origin: 'null' }), false)).toBe(false);
    expect(isOwnOrigin(request({ host: 'chat.example' }), false)).toBe(false);
  });

  it('believes X-Forwarded-Proto and X-Forwarded-Host only with TRUST_PROXY', () => {
    const behindProxy = request({
      host: 'app:3000',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'chat.example, proxy.internal',
      origin: 'https://chat.example',
    });
    expect(isOwnOrigin(behindProxy, true)).toBe(true);
    expect(isOwnOrigin(behindProxy, false)).toBe(false);
    expect(isOwnOrigin(request({ host: 'app:3000', 'x-forwarded-host': 'evil.example', origin: 'http://evil.example' }), false)).toBe(
      false,
    );
  });

  it('allows the own origin and CORS_ORIGINS, nothing else', () => {
    const policy = { corsOrigins: ['https://other.example'], trustProxy: false };
    expect(isAllowedOrigin(request({ host: 'chat.example', origin: 'http://chat.example' }), policy)).toBe(true);
    expect(isAllowedOrigin(request({ host: 'chat.example', origin: 'https://other.example' }), policy)).toBe(true);
    expect(isAllowedOrigin(request({ host: 'chat.example', origin: 'https://third.example' }), policy)).toBe(false);
    expect(isAllowedOrigin(request({ host: 'chat.example' }), policy)).toBe(false);
  });
});
