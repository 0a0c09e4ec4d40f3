import { isHttpUrl } from './isHttpUrl.js';
import type { ConfigProblem } from './ConfigError.js';
import type { WatchSettings, WatchType } from './types.js';

/** Keys every watch uses. */
const COMMON_KEYS: readonly (keyof WatchSettings)[] = ['type', 'watch_interval', 'for_cycles'];

/** The keys each type of watch uses, and those it cannot work without (with what belongs there). */
const TYPE_KEYS: Readonly<Record<WatchType, { uses: readonly (keyof WatchSettings)[]; requires: Partial<Record<keyof WatchSettings, string>> }>> = {
  process: { uses: [], requires: {} },
  systemd: { uses: ['timeout'], requires: {} },
  supervisor: { uses: ['timeout'], requires: {} },
  svstat: { uses: ['timeout', 'min_uptime'], requires: {} },
  log: {
    uses: ['file', 'pattern', 'pattern_expiration'],
    requires: { file: 'the log file to read (an absolute path)', pattern: 'the regular expression a failure line matches' },
  },
  command: {
    uses: ['command', 'pattern', 'pattern_expiration'],
    requires: { command: 'the long-running command whose output is read', pattern: 'the regular expression a failure line matches' },
  },
  http: { uses: ['url', 'timeout'], requires: { url: 'the http:// or https:// URL to ask' } },
  tcp: { uses: ['address', 'timeout'], requires: { address: 'HOST:PORT to connect to' } },
};

/** HOST:PORT, [IPv6]:PORT; the port from 1 to 65535. */
export function parseAddress(text: string): { host: string; port: number } | undefined {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^\s:[\]]+)):(\d{1,5})$/.exec(text);
  if (!match) return undefined;
  const port = Number(match[3]);
  if (port < 1 || port > 65535) return undefined;
  return { host: match[1] ?? match[2] ?? '', port };
}

/**
 * Pure: what one [watch.NAME] section lacks for its type (problems), and keys it
 * sets that its type does not read (`set`: the keys written in the file).
 */
export function watchProblems(section: string, settings: WatchSettings, set: readonly string[]): { problems: ConfigProblem[]; unused: string[] } {
  const problems: ConfigProblem[] = [];
  const { uses, requires } = TYPE_KEYS[settings.type];
  for (const [key, expected] of Object.entries(requires) as [keyof WatchSettings, string][]) {
    if (settings[key] === '') problems.push({ section, key, value: '', expected: `${expected} (type = ${settings.type} needs one)` });
  }
  if (settings.type === 'http' && settings.url !== '' && !isHttpUrl(settings.url)) {
    problems.push({ section, key: 'url', value: settings.url, expected: 'an http:// or https:// URL' });
  }
  if (settings.type === 'tcp' && settings.address !== '' && parseAddress(settings.address) === undefined) {
    problems.push({ section, key: 'address', value: settings.address, expected: 'HOST:PORT (or [IPv6]:PORT), the port from 1 to 65535' });
  }
  const used = new Set<string>([...COMMON_KEYS, ...uses]);
  return { problems, unused: set.filter((key) => !used.has(key)) };
}
