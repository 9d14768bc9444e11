/**
 * Jobs over the IPC channel between the harness and its children: the harness sends
 * `{ id, job, input }`, the child answers `{ id, ok, result | error }`. Kept tiny on purpose; the
 * heap probe (heap-probe.cjs) speaks the same shape.
 */
export interface JobRequest {
  id: number;
  job: string;
  input?: unknown;
}

export type JobReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export type JobHandlers = Record<string, (input: never) => Promise<unknown>>;

/** In a child: answer the harness's jobs with `handlers`, then tell it we are ready. */
export function serveJobs(handlers: JobHandlers, ready: Record<string, unknown> = {}): void {
  if (!process.send) throw new Error('start this file from the bench harness (it needs an IPC channel)');
  process.on('message', (message: JobRequest) => {
    const handler = handlers[message?.job];
    if (!handler) return; // heap-probe.cjs answers `heap`; anything else is not ours
    handler(message.input as never).then(
      (result) => process.send?.({ id: message.id, ok: true, result } satisfies JobReply),
      (error: unknown) => process.send?.({ id: message.id, ok: false, error: String(error instanceof Error ? error.stack : error) }),
    );
  });
  // If the harness dies, the channel closes: leave instead of lingering as an orphan.
  process.on('disconnect', () => process.exit(0));
  process.send({ ready: true, ...ready });
}
