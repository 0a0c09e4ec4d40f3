import { escapeControlCharacters as shown } from '../log/escapeControlCharacters.js';

/** A configured server that could not listen: names the section, key and value, and why. */
export class HttpListenError extends Error {
  constructor(
    readonly section: string,
    readonly value: string,
    readonly code: string,
  ) {
    super(`[${section}] listen = "${shown(value)}": cannot listen there: ${explainListenCode(code)}`);
    this.name = 'HttpListenError';
  }

  /** The address is not one of this host's: the value is wrong, not the moment. */
  get isConfigProblem(): boolean {
    return this.code === 'EADDRNOTAVAIL';
  }
}

/** Pure: the errno of a failed listen, as an administrator reads it. */
export function explainListenCode(code: string): string {
  switch (code) {
    case 'EADDRINUSE':
      return 'the port is already in use by another program (EADDRINUSE): ss -ltnp shows which';
    case 'EADDRNOTAVAIL':
      return 'the address is not one of this host (EADDRNOTAVAIL)';
    case 'EACCES':
      return 'permission denied (EACCES)';
    default:
      return code;
  }
}
