import { ConfigError, loadConfig } from '../../../src/config/load-config';

describe('chat configuration', () => {
  it('limits message:send to 10 per 5 seconds by default', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).chat.rateLimit).toEqual({ points: 10, windowSeconds: 5 });
  });

  it('reads CHAT_RATE_LIMIT_POINTS and CHAT_RATE_LIMIT_WINDOW_SECONDS', () => {
    const config = loadConfig({ NODE_ENV: 'test', CHAT_RATE_LIMIT_POINTS: '20', CHAT_RATE_LIMIT_WINDOW_SECONDS: '60' });
    expect(config.chat.rateLimit).toEqual({ points: 20, windowSeconds: 60 });
  });

  it('refuses a zero or non-numeric budget at boot', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', CHAT_RATE_LIMIT_POINTS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'test', CHAT_RATE_LIMIT_WINDOW_SECONDS: 'soon' })).toThrow(/CHAT_RATE_LIMIT_WINDOW_SECONDS/);
  });

  it('lets authors edit for 15 minutes by default, CHAT_EDIT_WINDOW_SECONDS otherwise, and refuses a negative window', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).chat.editWindowSeconds).toBe(900);
    expect(loadConfig({ NODE_ENV: 'test', CHAT_EDIT_WINDOW_SECONDS: '60' }).chat.editWindowSeconds).toBe(60);
    expect(() => loadConfig({ NODE_ENV: 'test', CHAT_EDIT_WINDOW_SECONDS: '-1' })).toThrow(/CHAT_EDIT_WINDOW_SECONDS/);
  });
});
