import type { Observation, Watcher } from '../Watcher.js';

/** type = http: `url` must answer with a status below 400 within `timeoutMs` (redirects are an answer, not followed). */
export function httpWatcher(name: string, url: string, timeoutMs: number): Watcher {
  return {
    processName: name,
    async check(signal): Promise<Observation> {
      const started = Date.now();
      try {
        const response = await fetch(url, { method: 'GET', redirect: 'manual', signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) });
        await response.body?.cancel(); // the status is the answer: the body is not read
        if (response.status < 400) return { failing: false };
        return { failing: true, evidence: `${url} answered HTTP ${response.status} ${response.statusText}` };
      } catch (error) {
        if (signal.aborted) return { failing: false };
        const elapsed = Date.now() - started;
        if (elapsed >= timeoutMs) return { failing: true, evidence: `${url} did not answer within ${timeoutMs / 1000} s` };
        const cause = (error as Error & { cause?: Error }).cause;
        return { failing: true, evidence: `${url} did not answer: ${cause?.message ?? (error as Error).message}` };
      }
    },
  };
}
