import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from '../log/createLogger.js';
import { formatHostPort, type ListenAddress } from './listenAddress.js';
import { HttpListenError } from './HttpListenError.js';

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export type Route = (request: IncomingMessage) => Reply | Promise<Reply>;

export interface ReadOnlyServerOptions {
  /** The config section it belongs to ("metrics", "web"): named in errors. */
  section: string;
  /** The configured value, as written. */
  listen: string;
  address: ListenAddress;
  /** By path ("/metrics"); the query string is ignored. */
  routes: Readonly<Record<string, Route>>;
  /** A reply that stops the request (401), or undefined to go on. */
  authorize?: (request: IncomingMessage) => Reply | undefined;
  log: Logger;
}

/** Headers on every answer: nothing is cached, sniffed or framed. */
const COMMON_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

function plain(status: number, text: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers }, body: `${text}\n` };
}

/**
 * One of the agent's small HTTP servers: read-only (GET and HEAD; anything
 * else is 405), a fixed set of paths, bound only where it is configured.
 * A route that fails answers 500 without details; the log has them.
 */
export class ReadOnlyServer {
  private constructor(
    private readonly server: http.Server,
    /** http://host:port, with the port actually bound. */
    readonly url: string,
  ) {}

  static async start(options: ReadOnlyServerOptions): Promise<ReadOnlyServer> {
    const server = http.createServer((request, response) => void answer(options, request, response));
    server.keepAliveTimeout = 5000;
    server.headersTimeout = 10_000;
    server.requestTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => reject(new HttpListenError(options.section, options.listen, error.code ?? error.message)));
      server.listen({ host: options.address.host, port: options.address.port, exclusive: true }, resolve);
    });
    server.on('error', (error) => options.log.warning(`[${options.section}] server error: ${error.message}`));
    const bound = server.address();
    const port = bound !== null && typeof bound === 'object' ? bound.port : options.address.port;
    return new ReadOnlyServer(server, `http://${formatHostPort(options.address.host, port)}`);
  }

  /** Stops listening and ends open connections (keep-alive ones too). Never throws. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

async function answer(options: ReadOnlyServerOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const reply = await route(options, request).catch((error: unknown) => {
    options.log.warning(`[${options.section}] ${request.url ?? ''}: ${error instanceof Error ? error.message : String(error)}`);
    return plain(500, 'Internal error: see the agent log');
  });
  response.writeHead(reply.status, { ...COMMON_HEADERS, ...reply.headers });
  // Node leaves the body out for HEAD itself.
  response.end(reply.body);
}

async function route(options: ReadOnlyServerOptions, request: IncomingMessage): Promise<Reply> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed: this server is read-only', { Allow: 'GET, HEAD' });
  const refusal = options.authorize?.(request);
  if (refusal) return refusal;
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const handler = Object.hasOwn(options.routes, path) ? options.routes[path] : undefined;
  if (!handler) return plain(404, 'Not found');
  return handler(request);
}
