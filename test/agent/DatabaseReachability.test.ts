import { describe, expect, it } from 'vitest';
import { DatabaseReachability } from '../../src/agent/DatabaseReachability.js';
import type { AgentEvent } from '../../src/events/AgentEvent.js';
import { EventBus } from '../../src/events/EventBus.js';
import type { Logger } from '../../src/log/createLogger.js';

const quiet: Logger = { error: () => {}, warning: () => {}, info: () => {}, debug: () => {}, close: () => Promise.resolve() };

describe('DatabaseReachability', () => {
  it('one lost and one restored per outage, however many operations fail or succeed', () => {
    const bus = new EventBus(quiet);
    const events: AgentEvent[] = [];
    bus.onAny('test', (event) => {
      events.push(event);
    });
    let now = 1000;
    const reachability = new DatabaseReachability(bus, () => now);
    reachability.succeeded(); // reachable from the start: nothing to say
    reachability.failed('poll STATUS_PROCESS', 'ECONNREFUSED');
    now = 1500;
    reachability.failed('claim alarm', 'ECONNREFUSED');
    now = 4000;
    reachability.succeeded();
    reachability.succeeded();
    expect(events).toEqual([
      { type: 'database.lost', what: 'poll STATUS_PROCESS', detail: 'ECONNREFUSED' },
      { type: 'database.restored', downForMs: 3000 },
    ]);
  });
});
