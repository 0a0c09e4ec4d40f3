import type { ProcessSettings } from '../config/types.js';

/**
 * Which processes are the instances of a monitored process: by default those
 * named exactly NAME; with pid_file, the one whose PID is in that file; with
 * match, those whose full command line matches a regular expression.
 */
export type ProcessIdentity =
  { kind: 'name'; name: string } | { kind: 'pid_file'; name: string; file: string } | { kind: 'match'; name: string; pattern: RegExp; source: string };

/** Pure: the identity [process.NAME] gives (the configuration allows pid_file or match, not both). */
export function processIdentity(name: string, settings: Pick<ProcessSettings, 'pid_file' | 'match'>): ProcessIdentity {
  if (settings.pid_file !== '') return { kind: 'pid_file', name, file: settings.pid_file };
  if (settings.match !== '') return { kind: 'match', name, pattern: new RegExp(settings.match), source: settings.match };
  return { kind: 'name', name };
}

/** Pure: an instance in words, for the log: "process named exactly x", "process whose command line matches /re/". */
export function describeIdentity(identity: ProcessIdentity): string {
  switch (identity.kind) {
    case 'name':
      return `process named exactly ${identity.name}`;
    case 'pid_file':
      return `process whose PID is in ${identity.file}`;
    case 'match':
      return `process whose command line matches /${identity.source}/`;
  }
}
