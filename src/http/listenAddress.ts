import net from 'node:net';

/** Where one of the agent's HTTP servers listens ([metrics] listen, [web] listen). */
export interface ListenAddress {
  host: string;
  /** 0 = a free port chosen when the server starts (the log line names it). */
  port: number;
  /** Only this host can connect (127.0.0.0/8, ::1, localhost). */
  loopback: boolean;
}

export type ListenParse = { ok: true; address: ListenAddress } | { ok: false; expected: string };

const EXPECTED = 'PORT, or HOST:PORT with HOST an IP address ([…] for IPv6) or localhost, PORT from 0 to 65535';

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (net.isIPv4(host) && host.startsWith('127.'));
}

function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}

/**
 * Pure: a `listen` value. A port alone listens on 127.0.0.1: being reachable
 * from other hosts must be written out (0.0.0.0:9311), never be what an empty
 * host means. Host names other than localhost are refused: what they resolve
 * to can change under the administrator's feet.
 */
export function parseListenAddress(text: string): ListenParse {
  const portOnly = parsePort(text);
  if (portOnly !== undefined) return { ok: true, address: { host: '127.0.0.1', port: portOnly, loopback: true } };
  const match = /^(?:\[([^\]]+)\]|([^:[\]]*)):([^:]*)$/.exec(text);
  if (!match) return { ok: false, expected: EXPECTED };
  const host = match[1] ?? match[2] ?? '';
  const port = parsePort(match[3] ?? '');
  if (port === undefined) return { ok: false, expected: EXPECTED };
  if (host === '' || host === '*') {
    return { ok: false, expected: `an address written out: ${port} alone for this host only, or 0.0.0.0:${port} to be reachable from other hosts` };
  }
  const valid = match[1] !== undefined ? net.isIPv6(host) : net.isIPv4(host) || host === 'localhost';
  if (!valid) return { ok: false, expected: EXPECTED };
  return { ok: true, address: { host, port, loopback: isLoopback(host) } };
}

/** host:port as a URL writes it ([::1]:9311). */
export function formatHostPort(host: string, port: number): string {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
