/**
 * Agent → helper: start this argv detached (own session, no stdio, cwd /). The
 * command gets the helper's own environment: the commands' one, given to the
 * helper when the agent started it (not sent again with each launch).
 */
export interface LaunchRequest {
  id: number;
  file: string;
  args: string[];
}

/** Helper → agent: it listens (first message), then what became of request `id`; `exit` may follow `spawned` at any time, or never. */
export type LaunchReport =
  | { kind: 'ready' }
  | { id: number; kind: 'spawned'; pid: number | undefined }
  | { id: number; kind: 'error'; code: string | undefined; message: string }
  | { id: number; kind: 'exit'; code: number | null; signal: NodeJS.Signals | null };
