import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import type { ConfigSlice } from '../config-slice';

export class ChatVariables {
  /** message:send events one user (all their connections together) may emit per window. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  CHAT_RATE_LIMIT_POINTS = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3_600)
  CHAT_RATE_LIMIT_WINDOW_SECONDS = 5;

  /** How long after sending an author may edit or delete their own message (admins delete any, any time). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(31_536_000)
  CHAT_EDIT_WINDOW_SECONDS = 900;
}

export interface ChatConfig {
  readonly chat: {
    /** Per-user budget for message:send: `points` messages per `windowSeconds`, across all the user's connections. */
    readonly rateLimit: { readonly points: number; readonly windowSeconds: number };
    /** Authors may edit or delete their messages this long after sending. */
    readonly editWindowSeconds: number;
  };
}

/** The chat's configurable limits (the fixed ones are in chat/chat.constants.ts). */
export const chatConfig: ConfigSlice<ChatVariables, ChatConfig> = {
  variables: ChatVariables,
  build: (vars) => ({
    chat: {
      rateLimit: { points: vars.CHAT_RATE_LIMIT_POINTS, windowSeconds: vars.CHAT_RATE_LIMIT_WINDOW_SECONDS },
      editWindowSeconds: vars.CHAT_EDIT_WINDOW_SECONDS,
    },
  }),
};
