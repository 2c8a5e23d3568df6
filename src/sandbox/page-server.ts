/**
 * The sandbox's web server on 127.0.0.1: the page (/sandbox), its state and live updates
 * (server-sent events), the person's actions, the files the app uploaded, and the response URLs
 * the app posts to. Anything else (/healthz, /readyz, /metrics) is passed through to the app.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runOperation, type SandboxOperations } from './operations.ts';
import { fileContentType } from './snapshot.ts';

/** The page's files: next to this module from source, or from src/ when running a dist build. */
function webDirectory(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, 'web');
  return existsSync(beside) ? beside : join(here, '..', '..', 'src', 'sandbox', 'web');
}

const STATIC_TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
};
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
};

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, ...SECURITY_HEADERS }).end(body);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1_000_000) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

export interface PageServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function startPageServer(args: {
  port: number;
  operations: SandboxOperations;
  /** The app's own HTTP base URL (known once it started), for the pass-through. */
  appUrl: () => string | undefined;
}): Promise<PageServer> {
  const { operations } = args;
  const web = webDirectory();
  const vendor = dirname(createRequire(import.meta.url).resolve('slack-to-html'));
  const streams = new Set<ServerResponse>();
  const stopListening = operations.surfaces.onChange((version) => {
    for (const res of streams) res.write(`event: change\ndata: ${version}\n\n`);
  });
  let port = args.port;

  const serveFile = async (res: ServerResponse, directory: string, name: string): Promise<void> => {
    const type = STATIC_TYPES[name.split('.').pop() ?? ''];
    if (!type || !/^[A-Za-z0-9_-]+\.[a-z]+$/.test(name)) return send(res, 404, 'text/plain', 'not found');
    const body = await readFile(join(directory, name)).catch(() => undefined);
    if (body === undefined) return send(res, 404, 'text/plain', 'not found');
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache', ...SECURITY_HEADERS }).end(body);
  };

  const proxy = (req: IncomingMessage, res: ServerResponse): void => {
    const target = args.appUrl();
    if (!target) {
      send(res, 503, 'text/plain', 'careerplan is starting');
      return;
    }
    const upstream = request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => send(res, 502, 'text/plain', 'careerplan did not answer'));
    req.pipe(upstream);
  };

  /** Only this machine's browser, on this port: no other site may drive the sandbox. */
  const trusted = (req: IncomingMessage): boolean => {
    const hosts = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
    if (!hosts.includes(req.headers.host ?? '')) return false;
    const origin = req.headers.origin;
    return origin === undefined || hosts.some((h) => origin === `http://${h}`);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname;
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (path === '/' && req.method === 'GET') {
      res.writeHead(302, { location: '/sandbox' }).end();
      return;
    }
    if (!path.startsWith('/sandbox')) return proxy(req, res);
    if (!trusted(req))
      return send(res, 403, 'text/plain', 'the sandbox only answers its own page on this machine');
    if (path.startsWith('/sandbox/response/') && req.method === 'POST') {
      const status = operations.responseUrl(
        decodeURIComponent(path.slice('/sandbox/response/'.length)),
        await readJson(req).catch(() => undefined),
      );
      return send(res, status, 'application/json', JSON.stringify({ ok: status === 200 }));
    }
    if (req.method === 'GET') {
      if (path === '/sandbox' || path === '/sandbox/') return serveFile(res, web, 'index.html');
      if (path.startsWith('/sandbox/assets/'))
        return serveFile(res, web, path.slice('/sandbox/assets/'.length));
      if (path.startsWith('/sandbox/vendor/slack-to-html/'))
        return serveFile(res, vendor, path.slice('/sandbox/vendor/slack-to-html/'.length));
      if (path === '/sandbox/state') {
        const body = operations.snapshot(url.searchParams.get('as') ?? '');
        return send(
          res,
          body ? 200 : 404,
          'application/json',
          JSON.stringify(body ?? { error: 'no such person' }),
        );
      }
      if (path === '/sandbox/stream') {
        res.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
        });
        res.write(`event: change\ndata: ${operations.surfaces.version}\n\n`);
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      if (path.startsWith('/sandbox/files/')) {
        const file = operations.file(decodeURIComponent(path.slice('/sandbox/files/'.length)));
        if (!file) return send(res, 404, 'text/plain', 'no such file');
        return send(res, 200, fileContentType(file.filename), file.bytes);
      }
    }
    if (path.startsWith('/sandbox/do/') && req.method === 'POST') {
      if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
        return send(res, 415, 'text/plain', 'send JSON');
      const result = await runOperation(operations, path.slice('/sandbox/do/'.length), await readJson(req));
      return send(res, result.status, 'application/json', JSON.stringify(result.body));
    }
    send(res, 404, 'text/plain', 'not found');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain', error instanceof Error ? error.message : 'failed');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: args.port, host: '127.0.0.1' }, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    async close() {
      stopListening();
      for (const res of streams) res.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
