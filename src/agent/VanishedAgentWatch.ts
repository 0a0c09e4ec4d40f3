import type { Database } from '../db/Database.js';
import { describeDbError } from '../db/describeDbError.js';
import { claimVanishedReport, findOwnUnreportedEnd, findSilentAgents, type VanishedAgent } from '../db/sql/vanishedAgents.js';
import type { EventBus } from '../events/EventBus.js';
import type { Logger } from '../log/createLogger.js';
import { silenceWindowSeconds } from './agentLiveness.js';

const MISSING_COLUMN = 'ER_BAD_FIELD_ERROR';

/**
 * Notices agents that stopped without saying goodbye (killed -9, crashed,
 * host gone) and emits `agent.vanished`, once per such stop: the agent itself
 * at its next start, or any other agent once the silent one's heartbeat is
 * older than the liveness window. Never in the way of restarts: its own
 * database errors are logged at DEBUG and tried again at the next heartbeat.
 */
export class VanishedAgentWatch {
  private missingColumnReported = false;

  constructor(
    private readonly agentId: string,
    private readonly events: EventBus,
    private readonly log: Logger,
  ) {}

  /** Before this agent registers: did its previous life end without a goodbye? `clash`: another live agent uses our id. */
  async atStart(db: Database, clash: boolean): Promise<void> {
    if (clash) return;
    await this.guard(async () => {
      const previous = await findOwnUnreportedEnd(db, this.agentId);
      if (previous && (await claimVanishedReport(db, previous))) this.emit(previous, 'itself');
    });
  }

  /** At a heartbeat: other agents silent for longer than the liveness window. */
  async check(db: Database, checkIntervalSeconds: number): Promise<void> {
    const silence = silenceWindowSeconds(checkIntervalSeconds);
    await this.guard(async () => {
      for (const agent of await findSilentAgents(db, this.agentId, silence)) {
        if (await claimVanishedReport(db, agent, silence)) this.emit(agent, this.agentId);
      }
    });
  }

  private emit(agent: VanishedAgent, noticedBy: string): void {
    this.events.emit({ type: 'agent.vanished', agentId: agent.agent_id, hostname: agent.hostname, lastSeen: agent.last_seen, noticedBy });
  }

  private async guard(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if ((error as { code?: string } | null)?.code === MISSING_COLUMN) {
        if (!this.missingColumnReported) {
          this.missingColumnReported = true;
          this.log.warning('monitor_agent has no column vanish_noticed_at: re-run sql/setup.sql to be told of agents that stop without a goodbye');
        }
        return;
      }
      this.log.debug(`looking for agents that stopped without a goodbye: ${describeDbError(error)}`);
    }
  }
}
