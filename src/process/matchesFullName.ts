import { readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/**
 * Pure: does a process, known by its executable's path and its argv, carry
 * `name` in full? The basename of the executable, of argv[0], or — for a
 * script started through its #! line, where argv is [interpreter, script, …]
 * — of argv[1].
 */
export function carriesFullName(name: string, exe: string | undefined, argv: readonly string[]): boolean {
  const candidates = [exe, argv[0], argv[1]];
  return candidates.some((value) => value !== undefined && value !== '' && path.basename(value.replace(/ \(deleted\)$/, '')) === name);
}

/**
 * For names longer than the kernel's 15-character comm: reads what the
 * process itself says it is. Only called for processes whose comm already
 * matches the first 15 characters, so the cost stays with long names.
 */
export function matchesFullName(pid: number, name: string): boolean {
  let exe: string | undefined;
  try {
    exe = readlinkSync(`/proc/${pid}/exe`);
  } catch {
    exe = undefined; // another user's process, a kernel thread, or gone
  }
  if (exe !== undefined && carriesFullName(name, exe, [])) return true;
  let argv: string[];
  try {
    argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return false;
  }
  return carriesFullName(name, undefined, argv);
}
