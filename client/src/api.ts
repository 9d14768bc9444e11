/** An API failure as the UI needs it: the problem's machine code, its text, and any wait. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
    /** Validation failures, one "field: message" line each. */
    readonly fieldErrors: readonly string[] = [],
  ) {
    super(message);
  }
}

interface ProblemBody {
  code?: unknown;
  detail?: unknown;
  errors?: { field: string; messages: string[] }[];
}

/**
 * One JSON request to the API on this page's origin. Resolves to the parsed body (undefined
 * for 204); rejects with ApiError for problem+json answers and for an unreachable server.
 */
export async function apiRequest<T>(
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network_error', 'The server cannot be reached.');
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return body as T;
  const problem = (body ?? {}) as ProblemBody;
  const retryAfter = Number(response.headers.get('retry-after'));
  throw new ApiError(
    response.status,
    typeof problem.code === 'string' ? problem.code : `http_${response.status}`,
    typeof problem.detail === 'string' ? problem.detail : response.statusText,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    Array.isArray(problem.errors) ? problem.errors.map((error) => `${error.field}: ${error.messages.join('; ')}`) : [],
  );
}
