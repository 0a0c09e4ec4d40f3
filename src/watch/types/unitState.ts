/** What `systemctl show` says about a unit, parsed. */
export interface UnitState {
  loadState: string;
  activeState: string;
  subState: string;
  /** undefined when systemd is too old to count them (before 235). */
  restarts: number | undefined;
}

/** Pure: `KEY=value` lines of `systemctl show --property=…`. */
export function parseUnitState(output: string): UnitState {
  const values = new Map<string, string>();
  for (const line of output.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) values.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  const restarts = Number(values.get('NRestarts'));
  return {
    loadState: values.get('LoadState') ?? '',
    activeState: values.get('ActiveState') ?? '',
    subState: values.get('SubState') ?? '',
    restarts: values.has('NRestarts') && Number.isInteger(restarts) ? restarts : undefined,
  };
}

export type UnitVerdict = { kind: 'ok' } | { kind: 'failing'; evidence: string } | { kind: 'unknown'; problem: string };

/**
 * Pure: a unit failed or inactive is failing; so is one whose NRestarts grew
 * since the last check (systemd restarting it again and again). activating,
 * deactivating and reloading pass: they are on their way.
 */
export function judgeUnit(unit: string, state: UnitState, restartsBefore: number | undefined): UnitVerdict {
  if (state.loadState !== 'loaded') return { kind: 'unknown', problem: `systemd has no unit ${unit} (LoadState=${state.loadState || '?'})` };
  const words = `${state.activeState} (${state.subState})`;
  if (state.activeState === 'failed' || state.activeState === 'inactive') return { kind: 'failing', evidence: `unit ${unit} is ${words}` };
  if (restartsBefore !== undefined && state.restarts !== undefined && state.restarts > restartsBefore) {
    return {
      kind: 'failing',
      evidence: `unit ${unit} was restarted by systemd ${state.restarts - restartsBefore} time(s) since the last check (NRestarts=${state.restarts}; now ${words})`,
    };
  }
  return { kind: 'ok' };
}
