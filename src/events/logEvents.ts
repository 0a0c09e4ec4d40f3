import { formatTimestamp } from '../clock/formatTimestamp.js';
import type { Logger } from '../log/createLogger.js';
import { messages } from '../log/messages.js';
import type { AgentEvent } from './AgentEvent.js';

/**
 * The log lines that tell the story of an alarm, written from the agent's
 * events. The procedure's own steps (attempts, commands, health checks) are
 * logged where they run, in src/restart.
 */
export function logEvent(log: Logger, event: AgentEvent): void {
  switch (event.type) {
    case 'alarm.seen':
      return log.info(messages.foundAlarm(event.name, event.processId));
    case 'alarm.rejected':
      return log.warning(event.message);
    case 'breaker.skipped':
      return log.warning(messages.breakerOpenSkip(event.name, formatTimestamp(event.retryAt)));
    case 'breaker.trial':
      return log.info(messages.breakerTrial(event.name));
    case 'breaker.opened':
      if (event.flapping) log.warning(messages.flappingDetected(event.name, event.flapping.restarts, event.flapping.windowSeconds));
      log.warning(messages.breakerOpened(event.name, event.failures));
      return log.debug(`Circuit breaker for ${event.name} allows a trial after about ${event.trialAfter ? formatTimestamp(event.trialAfter) : '?'}`);
    case 'breaker.closed':
      return log.info(messages.breakerClosed(event.name));
    case 'procedure.started':
      if (event.note !== '') log.info(`RESTART LOG: ${event.name}: ${event.note}`);
      return log.info(messages.beginRestart(event.name, event.strategy));
    case 'procedure.finished':
      if (event.outcome === 'interrupted') log.warning(messages.procedureInterrupted(event.name, event.interruptedBy ?? 'shutdown'));
      return;
    case 'alarm.cleared':
      if (event.byAgent) return log.info(messages.alarmCleared(event.name, event.processId));
      return log.info(`Alarm for ${event.name} (ID: ${event.processId}) was already cleared by someone else`);
    case 'agent.vanished':
      return log.warning(messages.agentVanished(event.agentId, event.hostname, formatTimestamp(event.lastSeen), event.noticedBy));
    case 'watch.detected': {
      const outcome = event.raised ? `alarm raised (ID: ${event.processId})` : `alarm not raised (ID: ${event.processId}): ${event.why}`;
      return log.warning(`${messages.detectedFailure(event.name, event.evidence)}; ${outcome}`);
    }
    case 'watch.unregistered':
      return log.warning(`${messages.detectedFailure(event.name, event.evidence)}; no alarm raised: ${event.name} has no row in PROCESE`);
    case 'watch.problem':
      return log.warning(`Watch ${event.watch} of ${event.name}: ${event.problem}`);
    case 'agent.started':
    case 'agent.stopping':
    case 'poll.finished':
    case 'database.lost':
    case 'database.restored':
      // Said by runAgent (start, stop), by the poll's own line and by withDbRetry (each operation's failure and recovery).
      return;
  }
}
