import type { Digest } from '../composeDigest.js';

export type ChannelName = 'email' | 'webhook' | 'command';

/** Where a digest goes. send() rejects when it did not arrive (it is then retried). */
export interface Channel {
  name: ChannelName;
  /** Resolves to a short description of what happened ("accepted by …", "HTTP 200"). */
  send(digest: Digest): Promise<string>;
}
