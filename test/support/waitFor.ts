// Polling for conditions that real processes reach in their own time.
import { setTimeout as sleep } from 'node:timers/promises';
import { inspect } from 'node:util';

export interface WaitForOptions<T> {
  /** What is awaited, for the error message ("MainPID of app.service to change"). */
  what?: string;
  /** Accepts a probed value; default: the value is truthy. */
  until?: (value: T) => boolean;
  timeoutMs?: number;
  intervalMs?: number;
}

type Probe<T> = { kind: 'value'; value: T } | { kind: 'error'; error: unknown } | { kind: 'none' };

/**
 * Calls `probe` every `intervalMs` until `until(value)` holds, and resolves with that
 * value. A probe that throws counts as "not yet" (the thing may still be starting).
 * On timeout the error names what was awaited and the last value or error seen.
 */
export async function waitFor<T>(probe: () => T | Promise<T>, options: WaitForOptions<T> = {}): Promise<T> {
  const { what = 'condition', until = Boolean, timeoutMs = 10_000, intervalMs = 50 } = options;
  const deadline = Date.now() + timeoutMs;
  let last: Probe<T>;
  for (;;) {
    last = await runProbe(probe);
    if (last.kind === 'value' && until(last.value)) return last.value;
    if (Date.now() >= deadline) break;
    await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; ${describeProbe(last)}`);
}

async function runProbe<T>(probe: () => T | Promise<T>): Promise<Probe<T>> {
  try {
    return { kind: 'value', value: await probe() };
  } catch (error) {
    return { kind: 'error', error };
  }
}

function describeProbe<T>(last: Probe<T>): string {
  if (last.kind === 'value') return `last value: ${inspect(last.value, { depth: 4 })}`;
  if (last.kind === 'error') {
    const message = last.error instanceof Error ? last.error.message : inspect(last.error);
    return `last attempt threw: ${message}`;
  }
  return 'the probe never ran';
}
