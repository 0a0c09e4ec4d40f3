/**
 * POSIX single-quoting: inside '…' the shell interprets nothing, and a quote
 * itself is written as '\''. Used for the one value we put into configured
 * commands (the process name, already validated).
 */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Replaces every %s in a configured command with the shell-quoted process name. */
export function expandCommand(template: string, processName: string): string {
  return template.split('%s').join(shellQuote(processName));
}
