import { readFileSync } from 'node:fs';

/** A start command's tree stays small; a cap keeps a fork bomb from making this a full walk. */
const TREE_LIMIT = 64;

/**
 * The PID and its descendants, read from /proc/PID/task/PID/children (the
 * children of each process's main thread): a few small reads, where the whole
 * process table is one per process. A PID that is gone adds nothing.
 */
export function processTreeOf(pid: number): number[] {
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0 && found.length < TREE_LIMIT) {
    const next = queue.shift() as number;
    let children: string;
    try {
      children = readFileSync(`/proc/${next}/task/${next}/children`, 'utf8');
    } catch {
      continue; // gone meanwhile (or a kernel without the children file: the whole table answers instead)
    }
    found.push(next);
    for (const child of children.split(' ')) {
      const childPid = Number(child);
      if (Number.isInteger(childPid) && childPid > 0) queue.push(childPid);
    }
  }
  return found;
}
