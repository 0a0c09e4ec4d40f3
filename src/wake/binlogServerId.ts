/** Derived server ids stay in this range, far above the small ids servers and replicas are usually given. */
export const SERVER_ID_BASE = 3_000_000_000;
export const SERVER_ID_SPAN = 1_000_000_000;

/**
 * The server_id the agent's binlog connection announces, derived from its
 * agent_id (FNV-1a): stable across restarts, distinct between agents, and in a
 * range (3,000,000,000 to 3,999,999,999) that real replicas rarely use.
 * The server drops an older connection that announces the same id.
 */
export function binlogServerId(agentId: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(agentId, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return SERVER_ID_BASE + (hash % SERVER_ID_SPAN);
}
