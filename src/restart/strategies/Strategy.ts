/** Result of one restart action (not yet health-checked). */
export type RestartResult = { ok: true; detail: string } | { ok: false; detail: string };

/** A way of restarting a process, built by a registered StrategyEntry (registry.ts). */
export interface Strategy {
  /** As logged and recorded: the name it is registered under ("service", "process", …). */
  readonly name: string;
  restart(signal: AbortSignal): Promise<RestartResult>;
}
