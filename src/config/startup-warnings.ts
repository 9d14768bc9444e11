import type { AppConfig } from './app-config';

/**
 * What an operator should hear at boot about a configuration that works but may surprise.
 * The random per-process secret only matters when it signs: with JWT_SIGNING_KEYS the first
 * asymmetric key signs, so tokens do survive a restart and there is nothing to warn about.
 */
export function startupWarnings(config: AppConfig): string[] {
  const warnings: string[] = [];
  if (config.jwt.secretIsEphemeral && config.jwt.signingKeys.length === 0) {
    warnings.push('JWT_SECRET is not set: using a random secret for this process; tokens will not survive a restart');
  }
  return warnings;
}
