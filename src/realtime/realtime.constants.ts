/** An access token is a few hundred bytes; this bounds auth:refresh payloads generously. */
export const TOKEN_MAX_LENGTH = 4096;

/** The largest event the transport itself accepts (auth:refresh), with room for protocol framing. */
export const REALTIME_MAX_EVENT_BYTES = 2 * TOKEN_MAX_LENGTH;

/** Open connections one user may hold across all instances (tabs, devices); each costs server memory. */
export const CONNECTIONS_PER_USER_MAX = 20;
