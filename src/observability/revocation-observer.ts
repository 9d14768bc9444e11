import type { AppMetrics } from '../metrics/app-metrics';
import type { RevocationEvents } from '../security/revocation-events';

/** Counts revocations by kind from the events the auth services already announce. */
export function observeRevocations(events: RevocationEvents, metrics: AppMetrics): void {
  events.on('userRevoked', () => metrics.revocation('user'));
  events.on('sessionRevoked', () => metrics.revocation('session'));
}
