import os from 'node:os';
import pLimit, { type LimitFunction } from 'p-limit';
import { sleep } from '../clock/sleep.js';
import type { Config } from '../config/types.js';
import { closeDatabase, openDatabase, type Database } from '../db/Database.js';
import type { DatabaseSettings } from '../config/types.js';
import { isWriteConflict } from '../db/classifyDbError.js';
import { describeDbError } from '../db/describeDbError.js';
import { markAgentStopped, recordPoll, registerAgent } from '../db/sql/agentRegistry.js';
import { listAgents } from '../db/sql/listAgents.js';
import { markInterrupted, recordDecision } from '../db/sql/history.js';
import { pollAlarms, readAlarmRows, type AlarmKey, type AlarmRow, type RowIdentity } from '../db/sql/pollAlarms.js';
import { withDbRetry } from '../db/withDbRetry.js';
import { withTransaction } from '../db/withTransaction.js';
import { EventBus } from '../events/EventBus.js';
import { agentSubscribers, type NamedSubscriber } from '../events/subscribers.js';
import type { Logger } from '../log/createLogger.js';
import { messages } from '../log/messages.js';
import { AbandonedHistorySweep } from './AbandonedHistorySweep.js';
import { alarmsToRead } from './alarmsToRead.js';
import { PolledIds } from './PolledIds.js';
import type { AgentContext } from './AgentContext.js';
import { classifyAlarm, type AlarmDecision } from './classifyAlarm.js';
import { DatabaseReachability } from './DatabaseReachability.js';
import { findAgentIdClash } from './findAgentIdClash.js';
import { findAmbiguousIds } from './findAmbiguousIds.js';
import { printableName } from '../process/validateProcessName.js';
import { handleAlarm, type AlarmOutcome } from './handleAlarm.js';
import { RejectionRecorder, type Rejection } from './RejectionRecorder.js';
import { ReportOnce } from './ReportOnce.js';
import { JudgedRows } from './JudgedRows.js';
import { agentGroupOf, placementTableMissingMessage } from './placement.js';
import { NotificationDelivery } from '../notify/NotificationDelivery.js';
import { NotificationOutbox } from '../notify/NotificationOutbox.js';
import { DatabaseOutageAlert } from '../notify/DatabaseOutageAlert.js';
import { VanishedAgentWatch } from './VanishedAgentWatch.js';
import { BinlogWake } from '../wake/BinlogWake.js';
import { Wakeup } from '../wake/Wakeup.js';
import { createWatcher } from '../watch/createWatcher.js';
import { reportDetection, type DetectionContext } from '../watch/reportDetection.js';
import { watchKey } from '../watch/watchKey.js';
import { WatchRunner, type WatchRunnerDependencies } from '../watch/WatchRunner.js';
import { breakerSettingsOf } from './handleAlarm.js';

/** The heartbeat in monitor_agent is written at most this often (not on every poll). */
const HEARTBEAT_MS = 30_000;
/** Why procedures stop starting attempts once stop() is called (ends up in their history reason). */
const SHUTTING_DOWN = 'agent shutting down';
/** A quiet "no alarm" line is logged at INFO at least this often. */
const QUIET_CHECK_LOG_MS = 300_000;
/** Alarms read in full per statement (the rows not judged yet, or changed since). */
const READ_BATCH = 500;

export interface AgentOptions {
  version: string;
  /** Who listens to the agent's events (default: the log only). */
  subscribers?: NamedSubscriber[];
}

/** The agent's handle: a connection per parallel procedure, plus the poll's and a spare. */
export function openAgentDatabase(settings: DatabaseSettings, maxParallelRestarts: number): Database {
  return openDatabase(settings, maxParallelRestarts + 2);
}

/** Whether a reloaded configuration needs a new database handle. */
export function databaseSettingsChanged(current: Config, next: Config): boolean {
  return JSON.stringify(next.database) !== JSON.stringify(current.database);
}

/** Whether a reloaded configuration changes what the watches do (their sections, or the [process.*] settings they read). */
export function watchSettingsChanged(current: Config, next: Config): boolean {
  const of = (config: Config) => JSON.stringify([config.watches, config.processDefaults, config.processes]);
  return of(current) !== of(next);
}

/**
 * The poll loop: every check_interval one query finds the alarms; each
 * alarmed process gets one restart procedure at a time, several processes in
 * parallel up to max_parallel_restarts.
 */
export class Agent {
  readonly agentId: string;
  /** Subscribe here (before run()) to what the agent does; the log is the first subscriber. */
  readonly events: EventBus;
  private readonly reachability: DatabaseReachability;
  private limit: LimitFunction;
  private readonly inFlight = new Map<number, Promise<AlarmOutcome>>();
  /** Rejected rows being recorded beside the procedures, a batch at a time: waited for like them. */
  private readonly rejections: RejectionRecorder;
  /** Names with a procedure queued or running: two ids with one name must not restart it twice at once. */
  private readonly busyNames = new Set<string>();
  private readonly reports = new ReportOnce();
  /** Problem rows already judged: not read in full again while they stay the same. */
  private readonly judged = new JudgedRows();
  private readonly drainController = new AbortController();
  private readonly hardStopController = new AbortController();
  private lastHeartbeat = 0;
  private lastCheckLog = { at: 0, count: -1 };
  private stopping: Promise<void> | undefined;
  private readonly abandonedSweep: AbandonedHistorySweep;
  private readonly delivery: NotificationDelivery;
  private readonly outbox: NotificationOutbox;
  private delivering: Promise<void> | undefined;
  private placementMissingReported = false;
  private readonly vanished: VanishedAgentWatch;
  /** Ends the sleep between polls early (wake = binlog); the periodic poll stays the safety net. */
  private readonly wakeup = new Wakeup();
  private binlogWake: BinlogWake | undefined;
  /** The [watch.NAME] watchers, running beside the poll (not in --once). */
  private watches: WatchRunner | undefined;
  /** run() started the watches (a reload restarts them then). */
  private watching = false;

  /** The agent owns `db` from here on: it closes it when it stops. */
  constructor(
    private config: Config,
    private db: Database,
    private readonly log: Logger,
    private readonly options: AgentOptions,
  ) {
    this.agentId = config.monitor.agent_id || os.hostname();
    this.events = new EventBus(log);
    for (const subscriber of options.subscribers ?? agentSubscribers({ log })) this.events.onAny(subscriber.name, subscriber.handle);
    this.reachability = new DatabaseReachability(this.events);
    this.limit = pLimit(config.monitor.max_parallel_restarts);
    this.abandonedSweep = new AbandonedHistorySweep(() => this.db, this.agentId, log);
    // Notifications: written to the outbox as events happen, sent by a loop beside the poll.
    const notifyDeps = { config: () => this.config, db: () => this.db, log, agentId: this.agentId };
    const outbox = new NotificationOutbox({ ...notifyDeps, persist: (what, operation) => this.context.persist(what, operation) });
    this.outbox = outbox;
    this.events.onAny('notifications', (event) => outbox.handle(event));
    this.delivery = new NotificationDelivery({ ...notifyDeps, reportUnusable: (message) => outbox.reportUnusable(message) });
    // The database being away cannot go through the outbox: alerted from memory.
    const outageAlert = new DatabaseOutageAlert({ config: () => this.config, log, stopping: this.hardStopController.signal });
    this.events.onAny('database outage alert', (event) => outageAlert.handle(event));
    this.vanished = new VanishedAgentWatch(this.agentId, this.events, log);
    this.rejections = new RejectionRecorder((batch) => this.recordRejections(batch));
  }

  /** The database handle in use (a reload may replace it): for readers beside the agent (metrics, status page). */
  get database(): Database {
    return this.db;
  }

  /** The host name this agent serves in monitor_process_host (README "Several hosts"). */
  get agentGroup(): string {
    return agentGroupOf(this.config);
  }

  private get context(): AgentContext {
    return {
      config: this.config,
      db: this.db,
      log: this.log,
      agentId: this.agentId,
      events: this.events,
      draining: this.drainController.signal,
      hardStop: this.hardStopController.signal,
      persist: (what, operation) => this.retry(what, operation, this.hardStopController.signal),
      queueNotifications: (tx, events) => this.outbox.queueIn(tx, events),
    };
  }

  private retry<T>(what: string, operation: () => Promise<T>, signal: AbortSignal): Promise<T> {
    const maxDelayMs = Math.min(30_000, Math.max(1000, this.config.monitor.check_interval * 1000));
    const watched = async (): Promise<T> => {
      try {
        const result = await operation();
        this.reachability.succeeded();
        return result;
      } catch (error) {
        if (!signal.aborted && !isWriteConflict(error)) this.reachability.failed(what, describeDbError(error));
        throw error;
      }
    };
    return withDbRetry(watched, { log: this.log, maxDelayMs, signal, what });
  }

  /** Announce ourselves; close what a previous life of this agent left open. */
  private async prepare(): Promise<void> {
    await this.retry(
      'register agent',
      async () => {
        const me = { agentId: this.agentId, hostname: os.hostname(), pid: process.pid };
        const clash = findAgentIdClash(await listAgents(this.db), me, this.config.monitor.check_interval);
        if (clash) {
          this.log.warning(
            `Another agent with agent_id ${this.agentId} is running (host ${clash.hostname}, pid ${clash.pid}): ` +
              "give each agent its own [monitor] agent_id, or they will take over each other's alarms",
          );
        }
        await this.vanished.atStart(this.db, clash !== undefined);
        await registerAgent(this.db, { ...me, agentGroup: this.agentGroup, version: this.options.version });
        await this.vanished.check(this.db, this.config.monitor.check_interval);
        const interrupted = await markInterrupted(this.db, this.agentId);
        if (interrupted > 0) {
          this.log.warning(
            `${interrupted} restart procedure(s) of agent ${this.agentId} were interrupted by its last stop; their alarms will be handled again`,
          );
        }
      },
      this.drainController.signal,
    );
    this.lastHeartbeat = Date.now();
    this.events.emit({ type: 'agent.started', agentId: this.agentId, version: this.options.version });
  }

  /** Runs until stop(). Never throws for database trouble. */
  async run(): Promise<void> {
    try {
      await this.prepare();
      this.delivering = this.delivery.run(this.drainController.signal).catch((error: unknown) => {
        this.log.error(`Notification delivery stopped: ${describeDbError(error)}`);
      });
      this.startWakeSource();
      this.watching = true;
      this.startWatches();
      while (!this.drainController.signal.aborted) {
        const started = Date.now();
        await this.pollOnce();
        await this.wakeup.sleep(this.config.monitor.check_interval * 1000 - (Date.now() - started), this.drainController.signal);
      }
    } catch (error) {
      if (!this.drainController.signal.aborted) throw error;
    }
  }

  /** With wake = binlog, follows the binary log beside the poll loop. */
  private startWakeSource(): void {
    if (this.config.monitor.wake !== 'binlog' || this.binlogWake || this.drainController.signal.aborted) return;
    const settings = this.config.database;
    this.binlogWake = new BinlogWake({
      settings,
      db: () => this.db,
      agentId: this.agentId,
      log: this.log,
      checkInterval: () => this.config.monitor.check_interval,
      onWake: () => this.wakeup.wake(),
    });
    this.binlogWake.start();
  }

  private async stopWakeSource(): Promise<void> {
    const wake = this.binlogWake;
    this.binlogWake = undefined;
    await wake?.stop();
  }

  /**
   * Runs the [watch.NAME] watchers of the current configuration (none: nothing runs).
   * Again after a reload: the watches it leaves unchanged go on (WatchRunner.update).
   */
  private startWatches(): void {
    if (this.drainController.signal.aborted) return;
    if (Object.keys(this.config.watches).length === 0 && this.watches === undefined) return;
    const detection: DetectionContext = {
      db: () => this.db,
      agentId: this.agentId,
      events: this.events,
      breaker: () => breakerSettingsOf(this.config),
      persist: (what, operation) => this.retry(what, operation, this.drainController.signal),
      queueNotifications: (tx, events) => this.outbox.queueIn(tx, events),
    };
    const config = this.config;
    const deps: WatchRunnerDependencies = {
      watches: config.watches,
      createWatcher: (name, settings, problems) => createWatcher(config, name, settings, problems),
      keyOf: (name) => watchKey(config, name),
      report: (found) => reportDetection(detection, found),
      problem: (name, watch, problem) => this.events.emit({ type: 'watch.problem', name, watch, problem }),
    };
    if (this.watches) void this.watches.update(deps);
    else {
      this.watches = new WatchRunner(deps);
      this.watches.start();
    }
  }

  /** One cycle and its procedures (`--once`): true if every alarm seen was cleared. */
  async runOnce(): Promise<boolean> {
    await this.prepare();
    const keys = await this.pollOnce();
    const outcomes = await Promise.all([...this.inFlight.values()]);
    await this.rejections.idle();
    const ids = new Set(keys.map((key) => key.process_id));
    return outcomes.length === ids.size && outcomes.every((o) => o === 'cleared');
  }

  /**
   * Polls, reads in full the rows not judged yet (or changed since), reports
   * problem rows once, and schedules procedures. Returns the alarms seen.
   */
  async pollOnce(): Promise<AlarmKey[]> {
    const placement = { agentGroup: this.agentGroup, takeUnassigned: this.config.monitor.take_unassigned === 'yes' };
    let keys: AlarmKey[];
    try {
      const polled = await this.retry('poll STATUS_PROCESS', () => pollAlarms(this.db, placement), this.drainController.signal);
      keys = polled.rows;
      if (polled.placementTableMissing && !this.placementMissingReported) this.log.warning(placementTableMissingMessage(placement.takeUnassigned));
      this.placementMissingReported = polled.placementTableMissing;
    } catch (error) {
      if (this.drainController.signal.aborted) return [];
      throw error;
    }
    this.logCheck(keys.length);
    this.events.emit({ type: 'poll.finished', alarms: keys.length, breakersOpen: keys.filter((key) => key.breaker_open === 1).length });
    this.heartbeat();
    this.abandonedSweep.maybeRun(this.config.monitor.claim_lease);
    const polled = new PolledIds(keys);
    this.reports.keepOnly(polled);
    this.judged.keepOnly(polled);
    const toRead = alarmsToRead(keys, polled, { inFlight: (id) => this.inFlight.has(id), unchanged: (key) => this.judged.unchanged(key.process_id, key) });
    // A batch at a time: never ten thousand full rows (names, dates) at once.
    for (let start = 0; start < toRead.length; start += READ_BATCH) {
      const ids = toRead.slice(start, start + READ_BATCH);
      try {
        this.judge(await this.retry('read STATUS_PROCESS', () => readAlarmRows(this.db, placement, ids), this.drainController.signal));
      } catch (error) {
        if (this.drainController.signal.aborted) return keys;
        throw error;
      }
    }
    return keys;
  }

  /** Rows read in full: nothing in them is trusted before classifyAlarm. */
  private judge(rows: ReadonlyArray<AlarmRow & RowIdentity>): void {
    const ambiguous = findAmbiguousIds(rows);
    for (const row of rows) {
      const names = ambiguous.get(row.process_id);
      if (!names) {
        this.consider(row);
        continue;
      }
      const message = messages.ambiguousId(row.process_id, names.map(printableName).join(', '));
      this.reportProblem(row, { kind: 'problem', key: 'ambiguous', name: null, message });
    }
  }

  private consider(row: AlarmRow & RowIdentity): void {
    const decision = classifyAlarm(row);
    if (decision.kind === 'problem') {
      this.judged.remember(row.process_id, row);
      return this.reportProblem(row, decision);
    }
    this.judged.forget(row.process_id);
    if (this.inFlight.has(row.process_id) || this.drainController.signal.aborted) return;
    if (this.busyNames.has(decision.name)) {
      this.log.debug(`${decision.name} (ID: ${row.process_id}) shares its name with an alarm being handled; next poll`);
      return;
    }
    this.busyNames.add(decision.name);
    const procedure = this.limit(() => {
      if (this.drainController.signal.aborted) return Promise.resolve<AlarmOutcome>('interrupted');
      return handleAlarm(this.context, row, decision.name, this.reports);
    })
      .catch((error: unknown): AlarmOutcome => {
        if (!this.hardStopController.signal.aborted) {
          this.log.error(`Restart procedure for ${decision.name} (ID: ${row.process_id}) ended unexpectedly: ${describeDbError(error)}`);
        }
        return 'failed';
      })
      .finally(() => {
        this.inFlight.delete(row.process_id);
        this.busyNames.delete(decision.name);
      });
    this.inFlight.set(row.process_id, procedure);
  }

  /** A row the agent will not act on: said once while it lasts, and recorded. */
  private reportProblem(row: AlarmRow, problem: Extract<AlarmDecision, { kind: 'problem' }>): void {
    if (!this.reports.shouldReport(row.process_id, problem.key)) return;
    const rejected = { type: 'alarm.rejected', processId: row.process_id, name: problem.name, reason: problem.message, message: problem.message } as const;
    this.events.emit(rejected);
    // --once and stop() wait for it like a procedure: a rejection is never left unrecorded.
    this.rejections.add({ processId: row.process_id, name: problem.name, reason: problem.message, event: rejected });
  }

  private async recordRejections(batch: readonly Rejection[]): Promise<void> {
    await this.context.persist('record rejected alarm', () =>
      withTransaction(this.db, async (tx) => {
        for (const r of batch) await recordDecision(tx, r.processId, r.name, this.agentId, 'rejected', r.reason);
        await this.outbox.queueIn(
          tx,
          batch.map((r) => r.event),
        );
      }),
    );
  }

  private logCheck(count: number): void {
    const now = Date.now();
    const changed = count !== this.lastCheckLog.count;
    if (changed || now - this.lastCheckLog.at >= QUIET_CHECK_LOG_MS) {
      this.log.info(messages.checkingDatabase(count));
      this.lastCheckLog = { at: now, count };
    } else {
      this.log.debug(messages.checkingDatabase(count));
    }
  }

  private heartbeat(): void {
    if (Date.now() - this.lastHeartbeat < HEARTBEAT_MS) return;
    this.lastHeartbeat = Date.now();
    recordPoll(this.db, this.agentId).catch((error: unknown) => this.log.debug(`heartbeat not written: ${describeDbError(error)}`));
    void this.vanished.check(this.db, this.config.monitor.check_interval);
  }

  /**
   * Stops polling, lets running procedures finish within the grace period,
   * then kills what is left, closes the database. Memoized; every step runs even
   * if an earlier one fails.
   */
  stop(graceMs = this.config.monitor.shutdown_grace_period * 1000): Promise<void> {
    this.stopping ??= (async () => {
      this.events.emit({ type: 'agent.stopping', agentId: this.agentId, proceduresRunning: this.inFlight.size });
      this.drainController.abort(SHUTTING_DOWN);
      this.limit.clearQueue();
      const watchesStopped = this.watches?.stop();
      await this.stopWakeSource();
      const running = [...this.inFlight.values(), ...(this.rejections.busy ? [this.rejections.idle()] : [])];
      if (running.length > 0) {
        this.log.info(`Waiting up to ${graceMs / 1000}s for ${running.length} restart procedure(s) to finish`);
        const finished = await Promise.race([Promise.allSettled(running).then(() => true), sleep(graceMs).then(() => false)]);
        if (!finished) this.log.warning('Grace period over: stopping the remaining restart procedure(s); they are marked interrupted at next start');
      }
      this.hardStopController.abort();
      await Promise.allSettled([...this.inFlight.values()]);
      await watchesStopped;
      // A send in progress may finish (its rows are marked sent); unsent rows wait for the next start.
      if (this.delivering) await Promise.race([this.delivering, sleep(5000)]);
      await markAgentStopped(this.db, this.agentId).catch(() => undefined);
      await closeDatabase(this.db);
    })();
    return this.stopping;
  }

  /** Hard stop at once (second signal). */
  abort(): void {
    this.drainController.abort(SHUTTING_DOWN);
    this.hardStopController.abort(SHUTTING_DOWN);
  }

  /**
   * SIGHUP: use a new, already validated configuration from the next poll on,
   * and `nextDb` (opened by the caller when the [database] settings changed).
   */
  reload(next: Config, nextDb?: Database): void {
    const parallelChanged = next.monitor.max_parallel_restarts !== this.config.monitor.max_parallel_restarts;
    const wakeChanged = next.monitor.wake !== this.config.monitor.wake || databaseSettingsChanged(this.config, next);
    const watchesChanged = watchSettingsChanged(this.config, next);
    this.config = next;
    // A watch the new configuration changes starts over (a log watch from the end of its file); the others go on.
    if (watchesChanged && this.watching) this.startWatches();
    if (parallelChanged) this.limit.concurrency = next.monitor.max_parallel_restarts;
    if (nextDb) {
      const old = this.db;
      this.db = nextDb;
      // Procedures in flight captured the old handle: close it once they are done.
      Promise.allSettled([...this.inFlight.values()])
        .then(() => closeDatabase(old))
        .catch(() => undefined);
    }
    // A binlog connection follows the new settings (or stops, with wake = poll).
    if (wakeChanged && this.watching && this.stopping === undefined) {
      void this.stopWakeSource().then(() => this.startWakeSource());
    }
  }
}
