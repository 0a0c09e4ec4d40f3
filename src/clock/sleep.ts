import { setTimeout as delay } from 'node:timers/promises';

/** Waits ms milliseconds, or less if the signal aborts first (never rejects). */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return;
  await delay(ms, undefined, { signal }).catch((error: unknown) => {
    if (!signal?.aborted) throw error;
  });
}
