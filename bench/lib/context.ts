// What every benchmark gets: the private server, a scratch directory, the mode, and a
// place to register what must be stopped whatever happens.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { MariadbServer } from './database.js';
import type { RunningAgent } from './agent.js';
import { killLaunched } from './processes.js';

export interface BenchContext {
  server: MariadbServer;
  /** Scratch directory of this bench run (removed at the end). */
  workDir: string;
  quick: boolean;
  note(message: string): void;
  /** A fresh directory under workDir. */
  dir(name: string): Promise<string>;
  /** Remembers an agent, so cleanup kills it if the benchmark does not stop it. */
  track(agent: RunningAgent): RunningAgent;
  /** Remembers a bin dir whose launched processes cleanup kills. */
  trackBinDir(binDir: string): void;
}

export class Cleanup {
  private readonly agents: RunningAgent[] = [];
  private readonly binDirs: string[] = [];

  track(agent: RunningAgent): RunningAgent {
    this.agents.push(agent);
    return agent;
  }

  trackBinDir(binDir: string): void {
    this.binDirs.push(binDir);
  }

  /** Kills (by pid) every agent still running and every process launched from our bin dirs. */
  async run(): Promise<void> {
    for (const agent of this.agents) {
      if (agent.child.exitCode === null && agent.child.signalCode === null) {
        agent.child.kill('SIGKILL');
        await agent.exited;
      }
    }
    for (const binDir of this.binDirs) await killLaunched(binDir).catch(() => undefined);
  }
}

export function createContext(server: MariadbServer, workDir: string, quick: boolean, cleanup: Cleanup, note: (m: string) => void): BenchContext {
  return {
    server,
    workDir,
    quick,
    note,
    dir: async (name) => {
      const dir = path.join(workDir, name);
      await mkdir(dir, { recursive: true });
      return dir;
    },
    track: (agent) => cleanup.track(agent),
    trackBinDir: (binDir) => cleanup.trackBinDir(binDir),
  };
}
