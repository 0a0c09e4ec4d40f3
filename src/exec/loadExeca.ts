let loading: Promise<typeof import('execa')> | undefined;

/**
 * execa, loaded at its first use rather than when the agent starts: it is 120
 * files, a quarter of the agent's start-up, and an idle agent runs no command.
 * runAgent also loads it after the first poll, so the first restart does not wait.
 */
export function loadExeca(): Promise<typeof import('execa')> {
  loading ??= import('execa');
  return loading;
}
