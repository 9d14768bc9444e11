import { startupWarnings } from '../../../src/config/startup-warnings';
import { testConfig } from '../../support/config';
import { anEs256KeyPair, signingKeysEnv } from '../../support/signing-keys';

describe('startupWarnings', () => {
  it('warns that tokens will not survive a restart when a random HS256 secret signs', () => {
    expect(startupWarnings(testConfig())).toEqual([expect.stringMatching(/will not survive a restart/)]);
  });

  it('says nothing about restarts when only JWT_SIGNING_KEYS is configured: the asymmetric key signs', () => {
    const config = testConfig({ JWT_SIGNING_KEYS: signingKeysEnv([anEs256KeyPair('k1')]) });
    expect(config.jwt.secretIsEphemeral).toBe(true);
    expect(startupWarnings(config)).toEqual([]);
  });

  it('says nothing when JWT_SECRET is set', () => {
    expect(startupWarnings(testConfig({ JWT_SECRET: 'q'.repeat(10) + 'Zx8#kLm2@pR7$wN4^vB1&cF6' }))).toEqual([]);
  });
});
