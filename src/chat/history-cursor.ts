import type { HistoryPosition } from './message-record';

/**
 * History cursors are opaque to clients: they pass back the `nextBefore` they received. Inside it
 * is the last message's createdAt (epoch ms) and id, so a page continues strictly after that
 * exact message even when many messages share one createdAt: nothing is skipped or repeated.
 */
export const HISTORY_CURSOR_PATTERN = /^\d{1,15}_[a-f0-9]{24}$/;

export function encodeCursor(position: HistoryPosition): string {
  return `${position.createdAt.getTime()}_${position.id}`;
}

/** Only called on strings the DTOs validated against HISTORY_CURSOR_PATTERN. */
export function decodeCursor(cursor: string): HistoryPosition {
  const [millis, id] = cursor.split('_') as [string, string];
  return { createdAt: new Date(Number(millis)), id };
}
