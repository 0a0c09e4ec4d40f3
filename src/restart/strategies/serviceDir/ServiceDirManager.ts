import type { ProcessSettings } from '../../../config/types.js';
import type { ManagerKind } from './managerOfDirectory.js';
import type { SupervisedState } from './SupervisedState.js';

/** A program and its arguments. */
export type Argv = readonly [string, ...string[]];

/**
 * What differs between daemontools, runit and s6; the rest (finding the
 * service directory, refusing an unsafe one, judging the state after a
 * restart) is shared (serviceDirStrategy.ts, serviceDirEntry.ts).
 */
export interface ServiceDirManager<Name extends ManagerKind = ManagerKind> {
  readonly name: Name;
  /** For the docs: "svc -t SERVICE_DIR/NAME (daemontools)". */
  readonly summary: string;
  /** The service_dir used when it is left empty. */
  readonly usualServiceDir: string;
  /** The program that scans service_dir, and the one it runs per service (for messages). */
  readonly scanner: string;
  readonly supervisor: string;
  /** Asks for the state of one service directory. */
  statusCommand(dir: string): Argv;
  parseStatus(output: string, dir: string): SupervisedState;
  /** The manager's state as a sysadmin would read it: "svstat: /etc/service/foo: up (pid 12) 3 seconds". */
  describe(dir: string, state: SupervisedState): string;
  restartCommand(dir: string, settings: ProcessSettings): Argv;
  /** How the docs and messages name it: "svc -t". */
  readonly restartName: string;
  /** svc prints a warning and exits 0 when it could not send anything: any output is then a failure. */
  readonly restartSaysNothingOnSuccess: boolean;
  /**
   * runit's sv restart (term, cont, up) also brings back a service stopped or
   * paused on purpose (sv down, sv pause); svc -t and s6-svc -r do neither.
   */
  readonly restartStartsStoppedOrPaused: boolean;
  /**
   * The "up N seconds" that proves at least one second: svstat and sv status
   * subtract the whole seconds of two clocks (the start's and now's) and say 1
   * for a process up 0.1 s, so daemontools and runit need 2; s6-svstat
   * subtracts exact times, so 1 is a second.
   */
  readonly minUpSeconds: number;
  /** The commands that start a stopped service and resume a paused one, for the message that says why the agent did not. */
  startCommand(dir: string): string;
  resumeCommand(dir: string): string;
}
