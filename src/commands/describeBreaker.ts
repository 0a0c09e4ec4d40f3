import type { Cell } from './textTable.js';

/** "closed", "closed (1 failure)", "open (3 failures)": the state and the count that drives it. */
export function describeBreaker(state: string | null, failures: number | null): Cell {
  const name = state ?? 'closed';
  const count = failures ?? 0;
  const text = count > 0 ? `${name} (${count} failure${count === 1 ? '' : 's'})` : name;
  if (name === 'open') return { text, tone: 'bad' };
  if (name === 'half_open' || count > 0) return { text, tone: 'warn' };
  return text;
}
