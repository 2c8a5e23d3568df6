import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type OpsHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * One operator route as plain node:http. `prefix` routes also answer every path below `path`
 * (the task API's `/api/tasks/…`, the queue view's assets); the route parses the rest itself.
 */
export interface OpsRoute {
  path: string;
  method: string | string[];
  prefix?: boolean;
  handler: OpsHandler;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

/** A 4xx/5xx with `{ error, message }`: a stable code for scripts and a sentence for people. */
export function sendError(
  res: ServerResponse,
  status: number,
  error: string,
  message: string,
  headers: Record<string, string> = {},
) {
  sendJson(res, status, { error, message }, headers);
}

const BODY_LIMIT = 64 * 1024;

/** Reads a JSON object body (empty → {}); rejects with a message on bad JSON or a body too large. */
export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > BODY_LIMIT) throw new Error('the body is larger than 64 KiB');
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error('the body must be a JSON object');
  return parsed as Record<string, unknown>;
}

function methodsOf(route: OpsRoute): string[] {
  return (Array.isArray(route.method) ? route.method : [route.method]).map((m) => m.toUpperCase());
}

function matches(route: OpsRoute, path: string): boolean {
  return path === route.path || (route.prefix === true && path.startsWith(`${route.path}/`));
}

/** The request listener of a bare server (worker role, OPS_PORT): first matching route wins. */
export function routeRequests(routes: readonly OpsRoute[]): OpsHandler {
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://ops').pathname;
    const route = routes.find((r) => matches(r, path) && methodsOf(r).includes(req.method ?? 'GET'));
    if (route) route.handler(req, res);
    else if (routes.some((r) => matches(r, path)))
      sendError(res, 405, 'method_not_allowed', `${req.method} is not allowed on ${path}`);
    else sendError(res, 404, 'not_found', `nothing at ${path}`);
  };
}

/**
 * The same routes as Bolt custom routes (its receivers match them with path-to-regexp): a prefix
 * route becomes two, the path itself and `path/*`.
 */
export function asBoltRoutes(
  routes: readonly OpsRoute[],
): Array<{ path: string; method: string[]; handler: OpsHandler }> {
  return routes.flatMap((r) => {
    const route = { path: r.path, method: methodsOf(r), handler: r.handler };
    return r.prefix ? [route, { ...route, path: `${r.path}/*rest` }] : [route];
  });
}

/** Listens on `port` (0 picks a free one); a taken port rejects instead of crashing the process. */
export function listen(port: number, handler: OpsHandler, host?: string): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, ...(host ? { host } : {}) }, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections (a browser on the queue view) would hold close() open.
    server.closeIdleConnections();
  });
}
