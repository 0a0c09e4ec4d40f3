// A real HTTP server (node:http) on 127.0.0.1 standing in for a webhook:
// records every POST and answers with the status the test sets.
import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface WebhookRequest {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookCapture {
  url: string;
  requests: WebhookRequest[];
  /** The answer to the next requests (default 200). */
  answer: number;
  /** Bodies of the requests answered 2xx, parsed. */
  delivered(): Array<{
    text: string;
    notifications: Array<{ kind: string; process: string; processId: number | null; count: number; foldedRepeats: number; what: string; tried: string }>;
  }>;
  close(): Promise<void>;
}

export async function startWebhookCapture(): Promise<WebhookCapture> {
  const capture = {
    url: '',
    requests: [] as WebhookRequest[],
    answer: 200,
    delivered: () => capture.requests.filter((r) => r.status < 300).map((r) => JSON.parse(r.body) as ReturnType<WebhookCapture['delivered']>[number]),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const status = capture.answer;
      capture.requests.push({ status, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'error');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  capture.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
  return capture;
}
