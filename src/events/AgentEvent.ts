import type { NotRaised } from '../watch/decideRaise.js';
import type { Flapping } from '../breaker/flapping.js';

// What the agent tells its subscribers (the log, and later notifications,
// metrics, the status page). One union, so a subscriber's switch is checked by
// the compiler and a new event cannot be forgotten where it matters.

/** How a restart procedure ended, as recorded in monitor_restart_history.outcome. */
export type ProcedureOutcome = 'success' | 'failure' | 'interrupted';

/** Why a procedure was cut short: the agent stopping, or its claim taken over by another agent. */
export type Interruption = 'shutdown' | 'claim lost';

/** The process an event is about. `name` is PROCESE.process_name (validated). */
export interface ProcessRef {
  processId: number;
  name: string;
}

export type AgentEvent =
  | { type: 'agent.started'; agentId: string; version: string }
  | { type: 'agent.stopping'; agentId: string; proceduresRunning: number }
  /**
   * An agent's row says it is running, but it stopped without marking itself
   * stopped (killed, crashed, its host gone): noticed by itself at its next
   * start, or by another agent when its heartbeat went silent. Said once.
   */
  // noticedBy: 'itself', or the agent_id of the agent that noticed.
  | { type: 'agent.vanished'; agentId: string; hostname: string; lastSeen: Date; noticedBy: string }
  /** One poll of STATUS_PROCESS answered: rows in alarm, and how many of those have their breaker open. */
  | { type: 'poll.finished'; alarms: number; breakersOpen: number }
  /** This agent took up an alarm (claimed it, or reports its breaker open). */
  | ({ type: 'alarm.seen' } & ProcessRef)
  /** An alarm the agent will not act on (said once while it lasts); `name` is null when the row has no usable name. */
  | { type: 'alarm.rejected'; processId: number; name: string | null; reason: string; message: string }
  /** The breaker is open: no restart until `retryAt`. Emitted once per alarm. */
  | ({ type: 'breaker.skipped'; failures: number; retryAt: Date } & ProcessRef)
  | ({ type: 'breaker.trial' } & ProcessRef)
  /** `flapping` when a restart loop opened it (failures then counts those restarts). */
  | ({ type: 'breaker.opened'; failures: number; trialAfter: Date | undefined; flapping?: Flapping } & ProcessRef)
  | ({ type: 'breaker.closed' } & ProcessRef)
  | ({ type: 'procedure.started'; strategy: string; note: string } & ProcessRef)
  | ({
      type: 'procedure.finished';
      strategy: string;
      outcome: ProcedureOutcome;
      attempts: number;
      reason: string;
      /** Set when outcome is interrupted. */
      interruptedBy?: Interruption;
    } & ProcessRef)
  /** The alarm was set back to 0: by this agent (`byAgent`), or by someone else meanwhile. */
  | ({ type: 'alarm.cleared'; byAgent: boolean } & ProcessRef)
  /** A database operation failed while the database was thought reachable. */
  | { type: 'database.lost'; what: string; detail: string }
  /** The first database operation that succeeded after `database.lost`. */
  | { type: 'database.restored'; downForMs: number }
  /**
   * A [watch.NAME] saw the process fail (for_cycles checks in a row). `raised`:
   * alarma went from 0 to 1; otherwise `notRaised` and `why` say why not (already
   * in alarm, breaker open, no STATUS_PROCESS row, the row changed meanwhile).
   * Recorded as a `detected` history row.
   */
  | ({ type: 'watch.detected'; watch: string; evidence: string; raised: boolean; notRaised: NotRaised | null; why: string } & ProcessRef)
  /** A watch saw a failure of a name that has no PROCESE row: nothing raised, nothing recorded (said, and notified). */
  | { type: 'watch.unregistered'; name: string; watch: string; evidence: string }
  /** A watch cannot see clearly (a file not there yet, a manager not answering): said once while it lasts. */
  | { type: 'watch.problem'; name: string; watch: string; problem: string };

export type AgentEventType = AgentEvent['type'];
export type AgentEventOf<T extends AgentEventType> = Extract<AgentEvent, { type: T }>;
