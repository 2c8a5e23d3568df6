import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy in front of the fake Slack's Web API that, for calls matching `rule`, lets Slack
 * do the work and then answers the app 503: "Slack accepted the post, the app saw a server
 * error" — the case an exactly-once sender must survive without posting twice. Every other call
 * passes through unchanged.
 */
export async function startAcceptThenFailProxy(
  targetBaseUrl: string,
  rule: (method: string, body: string) => boolean,
): Promise<{ apiUrl: string; failed(): number; arm(times: number): void; close(): Promise<void> }> {
  let remaining = 0;
  let failed = 0;
  const read = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  const server = createServer((req, res) => {
    void (async () => {
      const body = await read(req);
      const path = req.url ?? '/';
      const method = path.split('?')[0]?.split('/').pop() ?? '';
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'authorization']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const answer = await fetch(`${targetBaseUrl}${path}`, {
        method: req.method ?? 'POST',
        headers,
        ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: new Uint8Array(body) }),
      });
      const text = await answer.text();
      if (remaining > 0 && answer.ok && rule(method, body.toString('utf8'))) {
        remaining -= 1;
        failed += 1;
        res
          .writeHead(503, { 'content-type': 'application/json' })
          .end('{"ok":false,"error":"service_unavailable"}');
        return;
      }
      const out: Record<string, string> = {
        'content-type': answer.headers.get('content-type') ?? 'application/json',
      };
      const retryAfter = answer.headers.get('retry-after');
      if (retryAfter) out['retry-after'] = retryAfter;
      res.writeHead(answer.status, out).end(text);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(502).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    failed: () => failed,
    arm(times) {
      remaining = times;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
