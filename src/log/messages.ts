// The agent's log lines.

/**
 * Worded exactly as the user guide prints them: administrators grep for them
 * and log-pattern monitors match on them, so they are a contract. Change none
 * of these words (test/log/messages.test.ts finds each in the README's log
 * example).
 */
export const guideMessages = {
  serviceStart: () => 'Starting Process Monitor Service',
  foundAlarm: (name: string, id: number) => `Found process in alarm: ${name} (ID: ${id})`,
  beginRestart: (name: string, strategy: string) => `RESTART LOG: Beginning restart procedure for ${name} (strategy: ${strategy})`,
  restartSucceeded: (name: string) => `RESTART LOG: Successfully restarted and verified service: ${name}`,
  healthCheckFailed: (name: string) => `RESTART LOG: Service restart command succeeded but health check failed for: ${name}`,
  breakerOpened: (name: string, failures: number) => `Circuit breaker opened for ${name} after ${failures} failures`,
} as const;

/** The agent's own lines, in the same style; they may be reworded with care (say so in the release notes). */
export const messages = {
  ...guideMessages,
  serviceStop: () => 'Stopping Process Monitor Service',
  serviceStopped: () => 'Process Monitor Service stopped',
  checkingDatabase: (count: number) => `Database check: ${count} process(es) in alarm`,
  breakerOpenSkip: (name: string, retryAt: string) => `Circuit breaker open for ${name}: restart skipped until ${retryAt}`,
  breakerTrial: (name: string) => `Circuit breaker for ${name}: reset time passed, allowing one trial restart`,
  flappingDetected: (name: string, restarts: number, windowSeconds: number) => `Flapping detected for ${name}: ${restarts} restarts in ${windowSeconds} s`,
  breakerClosed: (name: string) => `Circuit breaker closed for ${name}`,
  attempt: (name: string, n: number, max: number) => `RESTART LOG: Attempt ${n}/${max} for ${name}`,
  restartCommandFailed: (name: string, detail: string) => `RESTART LOG: Restart command failed for ${name}: ${detail}`,
  startedButDied: (name: string, detail: string) => `RESTART LOG: ${name} did not stay up: ${detail}`,
  preRestartFailed: (name: string, detail: string) => `RESTART LOG: Pre-restart command failed for ${name}, restart abandoned: ${detail}`,
  restartGaveUp: (name: string, attempts: number, reason: string) => `RESTART LOG: Giving up on ${name} after ${attempts} attempt(s): ${reason}; alarm kept`,
  procedureInterrupted: (name: string, by: 'shutdown' | 'claim lost') =>
    by === 'shutdown'
      ? `RESTART LOG: Restart procedure for ${name} interrupted by shutdown; alarm kept for the next start`
      : `RESTART LOG: Restart procedure for ${name} stopped: its claim expired and another agent took the alarm over; no further attempt here`,
  alarmCleared: (name: string, id: number) => `Alarm cleared for ${name} (ID: ${id})`,
  unregistered: (id: number) => `Process ID ${id} is in alarm but has no row in PROCESE; nothing to restart (register it with INSERT INTO PROCESE)`,
  invalidName: (id: number, shown: string, why: string) => `Process ID ${id} has a name that will not be used: ${shown} (${why}); nothing was run`,
  invalidAlarmValue: (id: number, value: string) => `Process ID ${id} has alarma = ${value}; only 1 means alarm, the row is left alone`,
  ambiguousId: (id: number, names: string) =>
    `Process ID ${id} has several PROCESE rows with different names (${names}); nothing will be restarted until one is removed`,
  refusedTarget: (name: string, id: number, why: string) => `Alarm for ${name} (ID: ${id}) will not be acted on: ${why}; nothing was run, alarm kept`,
  claimedElsewhere: (name: string, holder: string) => `Alarm for ${name} is being handled by agent ${holder}; not acting`,
  databaseError: (detail: string) => `Database error: ${detail}`,
  databaseRetry: (attempt: number, delaySeconds: number, what: string) => `Database unavailable (attempt ${attempt}); retrying in ${delaySeconds}s: ${what}`,
  databaseRecovered: () => 'Database connection restored',
  agentVanished: (agentId: string, hostname: string, lastSeen: string, noticedBy: string) =>
    `Agent ${agentId} on ${hostname} stopped without saying goodbye (last heard from ${lastSeen}); noticed by ${noticedBy === 'itself' ? 'itself at its start' : `agent ${noticedBy}`}`,
  detectedFailure: (name: string, evidence: string) => `Detected failure of ${name}: ${evidence}`,
} as const;
