// auto asks every strategy whether it applies, for every alarm; supervisorctl is a Python
// program (0.2–0.4 s of CPU per run, over 1 s on a loaded host). Where supervisord plainly
// is not running — the package installed but no socket, or no supervisorctl at all — that
// is seen from the files alone, without running anything.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** What is plain without running supervisorctl. */
export type PlainAnswer = { kind: 'not-installed'; said: string } | { kind: 'unreachable'; said: string };

const MAX_CONFIG_BYTES = 1024 * 1024;

/** An executable of that name in one of PATH's directories (as execvp finds it), or undefined. */
export function findOnPath(name: string, searchPath: string | undefined): string | undefined {
  for (const dir of (searchPath ?? '').split(':')) {
    if (!path.isAbsolute(dir)) continue;
    const candidate = path.join(dir, name);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not there
    }
  }
  return undefined;
}

/**
 * Pure: where supervisorctl (supervisor 4) looks for its configuration when it
 * is not given -c, in order, run from / as the agent runs it: beside its
 * installation (here = two levels above the program), then ./ and ./etc/,
 * then /etc.
 */
export function configSearchPaths(supervisorctlPath: string): string[] {
  const here = path.dirname(path.dirname(supervisorctlPath));
  return [
    path.join(here, 'etc', 'supervisord.conf'),
    path.join(here, 'supervisord.conf'),
    '/supervisord.conf',
    '/etc/supervisord.conf',
    '/etc/supervisord.conf',
    '/etc/supervisor/supervisord.conf',
  ];
}

/**
 * Pure: the unix socket a supervisord configuration's [supervisorctl] section
 * names in serverurl, when that is beyond doubt: one plain unix:///path value
 * (an inline ; or # comment after a space allowed). Anything else — no such
 * section or key, an http URL, %(here)s or %(ENV_X)s expansions, a value
 * continued on the next line, the key given twice — gives undefined: then
 * only supervisorctl can tell.
 */
export function unixSocketOf(configText: string): string | undefined {
  let section = '';
  const values: string[] = [];
  const lines = configText.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      section = header[1]!.trim();
      continue;
    }
    if (section !== 'supervisorctl') continue;
    const pair = /^serverurl\s*[=:](.*)$/i.exec(line);
    if (!pair) continue;
    if (/^\s+\S/.test(lines[i + 1] ?? '')) return undefined;
    values.push(pair[1]!.replace(/\s[;#].*$/, '').trim());
  }
  const [value] = values;
  if (values.length !== 1 || value === undefined || value.includes('%')) return undefined;
  const socket = /^unix:\/\/(\/\S*)$/.exec(value)?.[1];
  return socket === undefined ? undefined : path.normalize(socket);
}

/**
 * supervisorctl's own answer for a supervisord that is plainly not running,
 * found without running it: supervisorctl is not installed, or the unix socket
 * its configuration names does not exist ("unix:///… no such file", as
 * supervisorctl itself says it). Undefined whenever supervisorctl must be asked.
 */
export function plainlyUnreachable(configFile: string, searchPath: string | undefined): PlainAnswer | undefined {
  const program = findOnPath('supervisorctl', searchPath);
  if (program === undefined) return { kind: 'not-installed', said: 'supervisorctl is not installed (not found on PATH)' };
  const config = configFile !== '' ? configFile : configSearchPaths(program).find((file) => existsSync(file));
  if (config === undefined) return undefined;
  let text: string;
  try {
    if (statSync(config).size > MAX_CONFIG_BYTES) return undefined;
    text = readFileSync(config, 'utf8');
  } catch {
    return undefined;
  }
  const socket = unixSocketOf(text);
  if (socket === undefined || existsSync(socket)) return undefined;
  return { kind: 'unreachable', said: `unix://${socket} no such file` };
}
