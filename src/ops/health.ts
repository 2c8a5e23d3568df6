import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from './metrics.ts';

/** One dependency the process needs to serve traffic; `check` rejects when it is unreachable. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 2000;

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs every check concurrently; the failing ones are named with their error. */
export async function readiness(checks: readonly ReadinessCheck[]) {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        await withTimeout(check(), CHECK_TIMEOUT_MS);
        return { name, ok: true as const };
      } catch (error) {
        return { name, ok: false as const, error: (error as Error).message };
      }
    }),
  );
  return { ok: results.every((r) => r.ok), checks: results };
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** GET /healthz, /readyz and /metrics as plain node:http handlers (Bolt custom routes or a bare server). */
export function opsRoutes(
  checks: readonly ReadinessCheck[],
  metrics: Metrics,
): Array<{ path: string; method: string; handler: Handler }> {
  return [
    { path: '/healthz', method: 'GET', handler: (_req, res) => sendJson(res, 200, { ok: true }) },
    {
      path: '/readyz',
      method: 'GET',
      handler: (_req, res) => {
        void readiness(checks).then((result) => {
          const failing = result.checks.filter((c) => !c.ok).map((c) => c.name);
          sendJson(res, result.ok ? 200 : 503, failing.length ? { ...result, failing } : result);
        });
      },
    },
    {
      path: '/metrics',
      method: 'GET',
      handler: (_req, res) => {
        void metrics.registry.metrics().then(
          (text) => {
            res.writeHead(200, { 'content-type': metrics.registry.contentType });
            res.end(text);
          },
          (error: Error) => sendJson(res, 500, { ok: false, error: error.message }),
        );
      },
    },
  ];
}
