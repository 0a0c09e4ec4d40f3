import type { IncomingMessage } from 'node:http';
import { readStatus } from '../commands/readStatus.js';
import { statusJson } from '../commands/showStatus.js';
import type { Config } from '../config/types.js';
import type { Database } from '../db/Database.js';
import { describeDatabaseFailure } from '../commands/openDatabase.js';
import { parseListenAddress } from '../http/listenAddress.js';
import { ReadOnlyServer, type Reply } from '../http/ReadOnlyServer.js';
import type { Logger } from '../log/createLogger.js';
import { BASIC_AUTH_CHALLENGE, basicAuthMatches } from './basicAuth.js';
import { refreshSeconds, renderStatusPage, renderUnavailablePage, type PageOptions } from './renderStatusPage.js';
import { STATUS_PAGE_CSP } from './statusPageStyle.js';
import { StatusReader } from './StatusReader.js';

/** Processes listed on the page (those needing attention first); the summary counts all. */
export const WEB_ROWS_SHOWN = 50;

export interface StatusPageDependencies {
  log: Logger;
  agentId: string;
  /** The agent's current database handle and configuration (both change on reload). */
  database: () => Database;
  config: () => Config;
}

const HTML_HEADERS = { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': STATUS_PAGE_CSP };

/**
 * [web]: the read-only status page (GET /) and the same data as JSON
 * (GET /status.json, the fields of `status --json`), behind HTTP basic
 * authentication when web_user is set.
 */
export class StatusPageService {
  private constructor(private readonly server: ReadOnlyServer) {}

  /** Undefined when [web] listen is empty. Rejects with HttpListenError when it cannot be bound. */
  static async start(config: Config, deps: StatusPageDependencies): Promise<StatusPageService | undefined> {
    const parsed = parseListenAddress(config.web.listen);
    if (config.web.listen === '' || !parsed.ok) return undefined;
    const reader = new StatusReader(() => readStatus(deps.database(), deps.config(), WEB_ROWS_SHOWN));
    const pageOptions = (): PageOptions => ({ refreshSeconds: refreshSeconds(deps.config().monitor.check_interval), agentId: deps.agentId });
    const { web_user: user } = config.web;
    const password = config.webPassword;
    const server = await ReadOnlyServer.start({
      section: 'web',
      listen: config.web.listen,
      address: parsed.address,
      log: deps.log,
      authorize:
        user === '' ? undefined : (request: IncomingMessage) => (basicAuthMatches(request.headers.authorization, user, password) ? undefined : unauthorized()),
      routes: {
        '/': async () => {
          try {
            return { status: 200, headers: HTML_HEADERS, body: renderStatusPage(await reader.read(), pageOptions()) };
          } catch (error) {
            // Never the password: describeDatabaseFailure cuts it out.
            const detail = describeDatabaseFailure(deps.config().database, error);
            deps.log.debug(`Status page: ${detail}`);
            return { status: 503, headers: HTML_HEADERS, body: renderUnavailablePage(detail, pageOptions()) };
          }
        },
        '/status.json': async () => ({
          status: 200,
          headers: { 'Content-Type': 'application/json; charset=utf-8' },
          body: `${JSON.stringify(statusJson(await reader.read()), null, 2)}\n`,
        }),
      },
    });
    deps.log.info(`Status page: serving ${server.url}/${user === '' ? '' : ` (basic authentication as ${user})`}`);
    return new StatusPageService(server);
  }

  get url(): string {
    return this.server.url;
  }

  close(): Promise<void> {
    return this.server.close();
  }
}

function unauthorized(): Reply {
  return {
    status: 401,
    headers: { 'WWW-Authenticate': BASIC_AUTH_CHALLENGE, 'Content-Type': 'text/plain; charset=utf-8' },
    body: 'Authentication required\n',
  };
}
