/** Result of one restart action (not yet health-checked). */
export type RestartResult = { ok: true; detail: string } | { ok: false; detail: string };

/** A way of restarting a process: systemd service, plain process, … */
export interface Strategy {
  /** As logged: "service" or "process". */
  readonly name: 'service' | 'process';
  restart(signal: AbortSignal): Promise<RestartResult>;
}
