import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import type {
  AppControllerRoute,
  AppViewRoute,
  BullBoardQueues,
  ControllerHandlerReturnType,
  IServerAdapter,
  UIConfig,
} from '@bull-board/api/typings/app';
import ejs from 'ejs';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
};

interface CompiledRoute {
  method: string;
  segments: string[];
  handler: AppControllerRoute['handler'];
}

/** `/api/queues/:queueName` → params, or undefined when the path does not fit. */
function matchSegments(
  pattern: readonly string[],
  path: readonly string[],
): Record<string, string> | undefined {
  if (pattern.length !== path.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of pattern.entries()) {
    const actual = path[i] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = actual;
    else if (part !== actual) return undefined;
  }
  return params;
}

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * A bull-board server adapter for a plain node:http server (bull-board ships adapters for Express,
 * Fastify, Hono and others; careerplan serves HTTP with node:http and Bolt's receivers, so this is
 * the small glue instead of a web framework). It serves the UI's page, its static assets and its
 * JSON API under one base path.
 */
export class NodeHttpAdapter implements IServerAdapter {
  private basePath = '/';
  private queues: BullBoardQueues | undefined;
  private viewsPath = '';
  private staticRoute = '/static';
  private staticPath = '';
  private entry: AppViewRoute | undefined;
  private errorHandler: ((error: Error) => ControllerHandlerReturnType) | undefined;
  private routes: CompiledRoute[] = [];
  private uiConfig: UIConfig = {};

  setBasePath(path: string): this {
    this.basePath = path.endsWith('/') ? path.slice(0, -1) : path;
    return this;
  }
  setQueues(queues: BullBoardQueues): this {
    this.queues = queues;
    return this;
  }
  setViewsPath(path: string): this {
    this.viewsPath = path;
    return this;
  }
  setStaticPath(route: string, path: string): this {
    this.staticRoute = route;
    this.staticPath = resolve(path);
    return this;
  }
  setEntryRoute(route: AppViewRoute): this {
    this.entry = route;
    return this;
  }
  setErrorHandler(handler: (error: Error) => ControllerHandlerReturnType): this {
    this.errorHandler = handler;
    return this;
  }
  setApiRoutes(routes: AppControllerRoute[]): this {
    this.routes = routes.flatMap((r) =>
      (Array.isArray(r.method) ? r.method : [r.method]).flatMap((method) =>
        (Array.isArray(r.route) ? r.route : [r.route]).map((route) => ({
          method: method.toUpperCase(),
          segments: splitPath(route),
          handler: r.handler,
        })),
      ),
    );
    return this;
  }
  setUIConfig(config: UIConfig): this {
    this.uiConfig = config;
    return this;
  }

  /** Answers one request under the base path; routes are tried in bull-board's order. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://ops');
    const relative = url.pathname.slice(this.basePath.length) || '/';
    const method = req.method ?? 'GET';
    if (method === 'GET' && relative.startsWith(`${this.staticRoute}/`)) {
      return this.serveStatic(relative.slice(this.staticRoute.length), res);
    }
    const path = splitPath(relative);
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const params = matchSegments(route.segments, path);
      if (params) return this.serveApi(route, params, url, req, res);
    }
    if (method === 'GET' && this.entry) {
      const entryRoutes = Array.isArray(this.entry.route) ? this.entry.route : [this.entry.route];
      if (entryRoutes.some((r) => matchSegments(splitPath(r), path))) return this.serveEntry(res);
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not_found' }));
  }

  private async serveApi(
    route: CompiledRoute,
    params: Record<string, string>,
    url: URL,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    if (!this.queues) throw new Error('bull-board: setQueues was not called');
    let response: ControllerHandlerReturnType;
    try {
      response = await route.handler({
        queues: this.queues,
        uiConfig: this.uiConfig,
        params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, decodeURIComponent(v)])),
        query: queryObject(url.searchParams),
        body: req.method === 'GET' ? {} : await readBody(req),
        headers: Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
        ),
      });
    } catch (error) {
      if (!this.errorHandler || !(error instanceof Error)) throw error;
      response = this.errorHandler(error);
    }
    const status = response.status ?? 200;
    if (status === 204) {
      res.writeHead(204).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(
      typeof response.body === 'string'
        ? JSON.stringify({ error: response.body })
        : JSON.stringify(response.body),
    );
  }

  private async serveEntry(res: ServerResponse): Promise<void> {
    if (!this.entry) return;
    const { name, params } = this.entry.handler({ basePath: this.basePath, uiConfig: this.uiConfig });
    const html = await ejs.renderFile(`${this.viewsPath}/${name}`, params);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  }

  private async serveStatic(file: string, res: ServerResponse): Promise<void> {
    const target = resolve(this.staticPath, `.${decodeURIComponent(file)}`);
    // Never outside the UI's static folder, whatever `..` the path holds.
    if (!target.startsWith(this.staticPath + sep)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(target);
      res
        .writeHead(200, {
          'content-type': CONTENT_TYPES[extname(target)] ?? 'application/octet-stream',
          'cache-control': 'public, max-age=3600',
        })
        .end(body);
    } catch {
      res.writeHead(404).end();
    }
  }
}
