import { describe, expect, it } from 'vitest';
import { alarmsPerGroup } from '../../src/commands/alarmsPerGroup.js';
import { placementTableMissingMessage } from '../../src/agent/placement.js';

describe('placementTableMissingMessage', () => {
  it('says what the agent does instead and how to fix it', () => {
    expect(placementTableMissingMessage(true)).toMatch(/every alarm is treated as unassigned.*re-run sql\/setup\.sql/);
    expect(placementTableMissingMessage(false)).toMatch(/no alarm is handled here \(take_unassigned = no\)/);
  });
});

describe('alarmsPerGroup', () => {
  const at = new Date(0);
  const agent = (group: string, alive: boolean) => ({ agent_group: group, started_at: at, last_poll_at: at, stopped_at: alive ? null : at });
  it('counts alarms per group, unassigned first, with only the live agents of each group', () => {
    const groups = alarmsPerGroup(
      [
        { assigned_host: 'b', in_status: 1, alarma: 1 },
        { assigned_host: 'a', in_status: 1, alarma: 1 },
        { assigned_host: null, in_status: 1, alarma: 1 },
        { assigned_host: 'a', in_status: 1, alarma: 0 },
        { assigned_host: 'c', in_status: 0, alarma: null },
      ],
      [agent('a', true), agent('a', true), agent('b', false)],
      (a) => a.stopped_at === null,
    );
    expect(groups).toEqual([
      { group: null, alarms: 1, agentsAlive: 0 },
      { group: 'a', alarms: 1, agentsAlive: 2 },
      { group: 'b', alarms: 1, agentsAlive: 0 },
    ]);
  });
});
