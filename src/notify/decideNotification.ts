import type { AgentEvent } from '../events/AgentEvent.js';
import type { NotifyOn } from '../config/types.js';
import type { Notification } from './Notification.js';

const STATUS_HINT = 'Run `monitor_service status` to see its alarm, breaker and last attempts';
const RESET_HINT = 'after fixing the cause, reset the breaker with `DELETE FROM monitor_circuit_breaker WHERE process_id = ID;`';

/**
 * Which events a person hears about (pure). `failures` (the default): a
 * procedure that gave up, the breaker opening (flapping included), recovery
 * (the breaker closing), a rejected alarm, a failure a watch saw that nothing
 * will act on (no PROCESE row, or no STATUS_PROCESS row to raise), the
 * database back after a long outage, an agent that stopped without saying
 * goodbye. `all` adds routine successful restarts; `none` nothing.
 */
export function decideNotification(event: AgentEvent, notifyOn: NotifyOn, dbAlertAfterSeconds: number): Notification | undefined {
  if (notifyOn === 'none') return undefined;
  switch (event.type) {
    case 'procedure.finished': {
      const target = { processId: event.processId, processName: event.name };
      const tried = `${event.attempts} restart attempt(s) with the ${event.strategy} strategy`;
      if (event.outcome === 'failure') {
        return {
          kind: 'gave-up',
          ...target,
          what: `the restart procedure for ${event.name} gave up; the process is still in alarm`,
          tried,
          why: event.reason,
          next: `${STATUS_HINT}; fix the process by hand, the agent retries it at the next poll`,
        };
      }
      if (event.outcome === 'success' && notifyOn === 'all') {
        return { kind: 'restarted', ...target, what: `${event.name} was restarted and its alarm cleared`, tried, why: event.reason, next: 'nothing to do' };
      }
      return undefined;
    }
    case 'breaker.opened': {
      const until = event.trialAfter ? `no restart before ${event.trialAfter.toISOString()}` : 'no further restart';
      return {
        kind: event.flapping ? 'flapping' : 'breaker-opened',
        processId: event.processId,
        processName: event.name,
        what: event.flapping
          ? `${event.name} is flapping: ${event.flapping.restarts} restarts in ${event.flapping.windowSeconds} s; its circuit breaker opened`
          : `the circuit breaker of ${event.name} opened after ${event.failures} failed restart procedures`,
        tried: `${event.failures} restart procedure(s)`,
        why: until,
        next: `${STATUS_HINT}; ${RESET_HINT.replace('ID', String(event.processId))}`,
      };
    }
    case 'breaker.closed':
      return {
        kind: 'recovered',
        processId: event.processId,
        processName: event.name,
        what: `${event.name} recovered: restarted after earlier failures, its circuit breaker is closed`,
        tried: 'a restart procedure that succeeded',
        why: 'the health check passed',
        next: 'nothing to do',
      };
    case 'alarm.rejected':
      return {
        kind: 'rejected',
        processId: event.processId,
        processName: event.name ?? '',
        what: `the alarm of process ID ${event.processId} is not acted on`,
        tried: 'nothing (the agent refuses this alarm)',
        why: event.message,
        next: 'fix the PROCESE row or the [process.NAME] section named in the reason, or clear the alarm',
      };
    case 'watch.detected':
      // Raised, already in alarm or behind an open breaker: the agent is on it, or said so when the breaker opened.
      if (event.notRaised !== 'no-status-row') return undefined;
      return {
        kind: 'detected-not-raised',
        processId: event.processId,
        processName: event.name,
        what: `the ${event.watch} watch saw ${event.name} fail, but no alarm could be raised: nothing will restart it`,
        tried: `raising the alarm of process ID ${event.processId}`,
        why: `${event.evidence}; ${event.why}`,
        next: `insert the STATUS_PROCESS row of process ID ${event.processId} (see the README), and restart ${event.name} by hand meanwhile`,
      };
    case 'watch.unregistered':
      return {
        kind: 'detected-unregistered',
        processId: null,
        processName: event.name,
        what: `the ${event.watch} watch saw ${event.name} fail, but ${event.name} has no row in PROCESE: nothing will restart it`,
        tried: 'nothing (no process ID to raise an alarm for)',
        why: event.evidence,
        next: `register ${event.name} in PROCESE and STATUS_PROCESS (see the README), or remove its [watch.NAME] section; restart it by hand meanwhile`,
      };
    case 'database.restored':
      if (event.downForMs < dbAlertAfterSeconds * 1000) return undefined;
      return {
        kind: 'database-restored',
        processId: null,
        processName: '',
        what: `the database was unreachable for ${Math.round(event.downForMs / 1000)} s and is back`,
        tried: 'retrying every database operation with backoff',
        why: 'alarms could not be read meanwhile',
        next: `${STATUS_HINT}; check the database server's log for the outage`,
      };
    case 'agent.vanished':
      return {
        kind: 'agent-vanished',
        processId: null,
        // What repeat_interval folds by: a crash-looping agent is one message an hour, with a count.
        processName: event.agentId,
        what: `agent ${event.agentId} on ${event.hostname} stopped without saying goodbye (last heard from ${event.lastSeen.toISOString()})`,
        tried: event.noticedBy === 'itself' ? 'nothing: noticed by the agent at its next start' : `nothing: noticed by agent ${event.noticedBy}`,
        why: 'it was killed, crashed or lost its host; restart procedures it was running were marked interrupted and are done again',
        next:
          event.noticedBy === 'itself'
            ? "check the host's journal (`journalctl -u monitor_service`) for why it stopped"
            : `check that monitor_service runs on ${event.hostname} (\`systemctl status monitor_service\`)`,
      };
    default:
      return undefined;
  }
}

/** The alert sent from memory while the database is away (DatabaseOutageAlert); pure. */
export function databaseUnreachableNotification(what: string, detail: string, downForMs: number): Notification {
  return {
    kind: 'database-unreachable',
    processId: null,
    processName: '',
    what: `the database has been unreachable for ${Math.round(downForMs / 1000)} s: no alarm can be read or cleared`,
    tried: 'retrying every database operation with backoff; the agent keeps running',
    why: `${what} failed: ${detail}`,
    next: 'check the database server and the network from this host; a message follows when it is back',
  };
}
