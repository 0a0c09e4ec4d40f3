/**
 * POSIX single-quoting: inside '…' the shell interprets nothing, and a quote
 * itself is written as '\''. Used for the one value we put into configured
 * commands (the process name, already validated).
 */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Replaces every %s in a configured command with the shell-quoted process
 * name, and %% with a literal % (so `date +%%s` runs `date +%s`). Read left to
 * right: `%%s` is a literal `%s`. Any other % is left as it is.
 */
export function expandCommand(template: string, processName: string): string {
  const quoted = shellQuote(processName);
  return template.replace(/%[%s]/g, (found) => (found === '%%' ? '%' : quoted));
}
