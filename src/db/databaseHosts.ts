/** One server of the [database] host list. */
export interface DatabaseHost {
  host: string;
  port: number;
}

export type HostListResult = { ok: true; hosts: DatabaseHost[] } | { ok: false; expected: string };

const HOST_PORT = /^([^:[\]\s]+):(\d+)$/;
const BRACKETED = /^\[([0-9A-Fa-f:.]+)\](?::(\d+))?$/;

/**
 * The servers `[database] host` names, in the order they are tried. One name
 * without a comma is used as it is (the guide's `host = localhost`, an IPv6
 * address); a list is separated by commas, each entry `name`, `name:port` or
 * `[IPv6]:port`, the default port being `[database] port`.
 */
export function parseDatabaseHosts(value: string, defaultPort: number): HostListResult {
  if (!value.includes(',')) {
    const single = HOST_PORT.exec(value.trim());
    if (single) return portOf(single[1]!, single[2]!);
    return { ok: true, hosts: [{ host: value.trim(), port: defaultPort }] };
  }
  const hosts: DatabaseHost[] = [];
  for (const raw of value.split(',')) {
    const entry = raw.trim();
    if (entry === '') return { ok: false, expected: 'host names separated by commas, none of them empty (db1,db2:3307,[::1]:3308)' };
    const bracketed = BRACKETED.exec(entry);
    const named = HOST_PORT.exec(entry);
    const parsed = bracketed ? portOf(bracketed[1]!, bracketed[2] ?? String(defaultPort)) : named ? portOf(named[1]!, named[2]!) : undefined;
    if (parsed && !parsed.ok) return parsed;
    if (parsed) hosts.push(...parsed.hosts);
    else if (/[\s[\]]/.test(entry) || entry.split(':').length === 2) return { ok: false, expected: `a host name, host:port or [IPv6]:port, not "${entry}"` };
    else hosts.push({ host: entry, port: defaultPort });
  }
  return { ok: true, hosts };
}

function portOf(host: string, port: string): HostListResult {
  const number = Number(port);
  if (!Number.isInteger(number) || number < 1 || number > 65535) return { ok: false, expected: `a port from 1 to 65535 after "${host}:"` };
  return { ok: true, hosts: [{ host, port: number }] };
}
