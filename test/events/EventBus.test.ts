// The event bus is the agent's one extension point for "what happened": these
// tests hold it to its promise that a subscriber can neither block nor break
// the agent, and that a broken subscriber cannot flood the log.
import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/events/AgentEvent.js';
import { EventBus } from '../../src/events/EventBus.js';
import type { Logger } from '../../src/log/createLogger.js';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    error: (m) => lines.push(`ERROR ${m}`),
    warning: (m) => lines.push(`WARNING ${m}`),
    info: (m) => lines.push(`INFO ${m}`),
    debug: (m) => lines.push(`DEBUG ${m}`),
    close: () => Promise.resolve(),
  };
}

const seen: AgentEvent = { type: 'alarm.seen', processId: 7, name: 'worker' };
const closed: AgentEvent = { type: 'breaker.closed', processId: 7, name: 'worker' };

describe('EventBus', () => {
  it('delivers events in order, by type and to onAny subscribers', () => {
    const bus = new EventBus(recordingLogger());
    const got: string[] = [];
    bus.on('alarm.seen', 'typed', (event) => {
      got.push(`typed ${event.name}`);
    });
    bus.onAny('any', (event) => {
      got.push(`any ${event.type}`);
    });
    bus.emit(seen);
    bus.emit(closed);
    expect(got).toEqual(['typed worker', 'any alarm.seen', 'any breaker.closed']);
  });

  it('keeps delivering after a subscriber throws, and logs its first failure once at WARNING', () => {
    const log = recordingLogger();
    const bus = new EventBus(log);
    const got: string[] = [];
    bus.onAny('broken', () => {
      throw new Error('smtp down');
    });
    bus.onAny('healthy', (event) => {
      got.push(event.type);
    });
    expect(() => bus.emit(seen)).not.toThrow();
    bus.emit(closed);
    expect(got).toEqual(['alarm.seen', 'breaker.closed']);
    expect(log.lines.filter((l) => l.startsWith('WARNING'))).toEqual([
      'WARNING Event subscriber broken failed on alarm.seen: smtp down (further failures of this subscriber are logged at DEBUG)',
    ]);
    expect(log.lines.filter((l) => l.startsWith('DEBUG'))).toEqual(['DEBUG Event subscriber broken failed on breaker.closed: smtp down']);
  });

  it('never waits for an async subscriber, and catches its rejection', async () => {
    const log = recordingLogger();
    const bus = new EventBus(log);
    let release: (() => void) | undefined;
    bus.onAny('slow', () => new Promise<void>((resolve) => (release = resolve)));
    bus.onAny('rejecting', () => Promise.reject(new Error('webhook 500')));
    bus.emit(seen); // returns although 'slow' never resolved
    await new Promise((resolve) => setImmediate(resolve));
    expect(log.lines).toEqual([
      'WARNING Event subscriber rejecting failed on alarm.seen: webhook 500 (further failures of this subscriber are logged at DEBUG)',
    ]);
    release?.();
  });

  it('a subscriber returning something else than a promise is no failure (a logger returns itself)', () => {
    const log = recordingLogger();
    const bus = new EventBus(log);
    bus.onAny('returns-a-value', (() => log) as unknown as () => void);
    bus.emit(seen);
    expect(log.lines).toEqual([]);
  });

  it('a logger that throws while reporting a failure does not reach the emitter', () => {
    const log = recordingLogger();
    log.warning = () => {
      throw new Error('disk full');
    };
    const bus = new EventBus(log);
    bus.onAny('broken', () => {
      throw new Error('boom');
    });
    expect(() => bus.emit(seen)).not.toThrow();
  });

  it('unsubscribes', () => {
    const bus = new EventBus(recordingLogger());
    const got: string[] = [];
    const off = bus.onAny('once', (event) => {
      got.push(event.type);
    });
    bus.emit(seen);
    off();
    bus.emit(closed);
    expect(got).toEqual(['alarm.seen']);
  });
});
