import type { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';

/** The test environment's validated configuration, with some variables overridden. */
export function testConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig({ NODE_ENV: 'test', ...env });
}
