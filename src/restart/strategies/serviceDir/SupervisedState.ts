/**
 * What a service-directory manager (daemontools' svstat, runit's sv status,
 * s6-svstat) says about one service, parsed. `words` is the manager's own
 * line, kept for the log and history.
 */
export type SupervisedState =
  | { kind: 'up'; pid: number; seconds: number; flags: readonly string[]; words: string }
  | { kind: 'down'; seconds: number; flags: readonly string[]; words: string }
  /** No supervisor process runs for the directory (never started, or gone). */
  | { kind: 'unsupervised'; words: string }
  /** No such service directory. */
  | { kind: 'missing'; words: string }
  /** Anything else (permission denied, a format this version does not know). */
  | { kind: 'unreadable'; words: string };

/** ", normally up, want up" → ["normally up", "want up"]. */
export function splitFlags(rest: string): string[] {
  return rest
    .split(',')
    .map((flag) => flag.trim())
    .filter((flag) => flag !== '');
}

/** The first non-empty line of a command's output, trimmed. */
export function firstLine(output: string): string {
  return (
    output
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line !== '') ?? ''
  );
}
