import net from 'node:net';
import type { Observation, Watcher } from '../Watcher.js';

/** Connects to host:port and closes at once; resolves with why it failed, or undefined. */
function connectOnce(host: string, port: number, timeoutMs: number, signal: AbortSignal): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const finish = (why: string | undefined) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(why);
    };
    const onAbort = () => finish(undefined);
    const timer = setTimeout(() => finish(`no connection within ${timeoutMs / 1000} s`), timeoutMs);
    signal.addEventListener('abort', onAbort);
    socket.once('connect', () => finish(undefined));
    socket.once('error', (error) => finish(error.message));
  });
}

/** type = tcp: `host:port` must accept a connection within `timeoutMs`. */
export function tcpWatcher(name: string, address: { host: string; port: number }, shown: string, timeoutMs: number): Watcher {
  return {
    processName: name,
    async check(signal): Promise<Observation> {
      const why = await connectOnce(address.host, address.port, timeoutMs, signal);
      return why === undefined ? { failing: false } : { failing: true, evidence: `${shown}: ${why}` };
    },
  };
}
