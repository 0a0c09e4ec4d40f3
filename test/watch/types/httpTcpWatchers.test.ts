// type = http and type = tcp against real local servers.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpWatcher } from '../../../src/watch/types/httpWatcher.js';
import { tcpWatcher } from '../../../src/watch/types/tcpWatcher.js';

const signal = new AbortController().signal;

describe('http and tcp watchers', () => {
  let server: http.Server;
  let base: string;
  let port: number;
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      if (request.url === '/slow') return void setTimeout(() => response.end('late'), 2000);
      if (request.url === '/moved') return void response.writeHead(302, { location: '/elsewhere' }).end();
      response.writeHead(request.url === '/health' ? 200 : 503).end('body');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('http: a status below 400 passes (a redirect too), others fail with the status', async () => {
    expect(await httpWatcher('web', `${base}/health`, 1000).check(signal)).toEqual({ failing: false });
    expect(await httpWatcher('web', `${base}/moved`, 1000).check(signal)).toEqual({ failing: false });
    expect(await httpWatcher('web', `${base}/down`, 1000).check(signal)).toEqual({
      failing: true,
      evidence: `${base}/down answered HTTP 503 Service Unavailable`,
    });
  });

  it('http: no answer within timeout fails', async () => {
    const started = Date.now();
    expect(await httpWatcher('web', `${base}/slow`, 300).check(signal)).toEqual({ failing: true, evidence: `${base}/slow did not answer within 0.3 s` });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('tcp: a listening port passes, a closed one fails', async () => {
    expect(await tcpWatcher('db', { host: '127.0.0.1', port }, `127.0.0.1:${port}`, 1000).check(signal)).toEqual({ failing: false });
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const observation = await tcpWatcher('db', { host: '127.0.0.1', port: freePort }, `127.0.0.1:${freePort}`, 1000).check(signal);
    expect(observation).toEqual({ failing: true, evidence: `127.0.0.1:${freePort}: connect ECONNREFUSED 127.0.0.1:${freePort}` });
  });
});
