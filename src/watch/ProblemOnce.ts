import type { WatchProblems } from './Watcher.js';

/** WatchProblems that says each problem through `say`, once while it lasts. */
export class ProblemOnce implements WatchProblems {
  private readonly current = new Set<string>();

  constructor(private readonly say: (text: string) => void) {}

  once(key: string, text: string): void {
    if (this.current.has(key)) return;
    this.current.add(key);
    this.say(text);
  }

  resolved(key: string): void {
    this.current.delete(key);
  }
}
