import type { KeySpec } from './schema.js';

const HIDDEN = '********';

/**
 * A value as --check-config and configuration errors show it: a secret
 * hidden; of a URL whose path carries a token (Slack, Mattermost and Teams
 * webhooks), only the scheme and host.
 */
export function shownValue(spec: Pick<KeySpec, 'secret'>, value: string): string {
  if (value === '' || spec.secret === undefined || spec.secret === false) return value;
  if (spec.secret === 'url-path') return withPathHidden(value);
  return HIDDEN;
}

function withPathHidden(value: string): string {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}/${HIDDEN}`;
  } catch {
    return HIDDEN;
  }
}
