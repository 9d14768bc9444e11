import { AppError } from '../common/errors/app-error';

/** How long a prober or client should wait before asking an unready instance again. */
const RETRY_AFTER_SECONDS = 5;

/** Readiness refused because a dependency is down: the code names it (db_unavailable, redis_unavailable). */
export class DependencyDownError extends AppError {
  constructor(dependency: 'db' | 'redis') {
    const name = dependency === 'db' ? 'The database' : 'Redis';
    super(503, `${dependency}_unavailable`, `${name} is unreachable.`, { retryAfterSeconds: RETRY_AFTER_SECONDS });
  }
}

/** Readiness refused because this instance is shutting down: send traffic elsewhere. */
export class DrainingError extends AppError {
  constructor() {
    super(503, 'shutting_down', 'This instance is shutting down.', { retryAfterSeconds: RETRY_AFTER_SECONDS });
  }
}
