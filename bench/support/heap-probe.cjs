/* global process */
// Loaded with `node --expose-gc -r bench/support/heap-probe.cjs <server>` so the bench can read a
// server's heap over IPC without adding any hook to the server's own code. Plain JS on purpose:
// no compiler hook in the measured process, so its start time and memory stay its own.
process.on('message', (message) => {
  if (!message || message.job !== 'heap' || typeof globalThis.gc !== 'function') return;
  // Two passes: the first may only schedule finalizers whose memory the second reclaims.
  globalThis.gc();
  globalThis.gc();
  const { heapUsed, rss } = process.memoryUsage();
  process.send({ id: message.id, ok: true, result: { heapUsed, rss } });
});
// If the harness dies, its channel closes: stop the server the way an operator would.
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
