import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProcessRole } from '../config.ts';
import type { ErrorLog } from './error-log.ts';
import type { Metrics } from './metrics.ts';
import { withTimeout } from './timeout.ts';

/** One dependency the process needs to serve traffic; `check` rejects when it is unreachable. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/**
 * What each role needs to do its work. The web role serves Slack from Postgres (jobs it adds fail
 * fast and truthfully when Redis is down), so Redis being down must not take it out of the load
 * balancer; a worker can do nothing without Redis.
 */
export function readinessChecksFor(
  role: ProcessRole,
  checks: { postgres: () => Promise<void>; redis: () => Promise<void> },
): ReadinessCheck[] {
  const postgres = { name: 'postgres', check: checks.postgres };
  const redis = { name: 'redis', check: checks.redis };
  return role === 'web' ? [postgres] : [postgres, redis];
}

const CHECK_TIMEOUT_MS = 2000;

/**
 * Runs every check concurrently. The result names the failing checks but carries no error text:
 * driver messages hold hosts, ports and user names, and /readyz is open to anyone who can reach
 * it. The details go to the log instead.
 */
export async function readiness(checks: readonly ReadinessCheck[], errorLog?: ErrorLog) {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        await withTimeout(check(), CHECK_TIMEOUT_MS);
        return { name, ok: true };
      } catch (error) {
        errorLog?.report(`readiness-${name}`, error);
        return { name, ok: false };
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

/**
 * Liveness: the process is up, unless its database pool has been unusable for longer than
 * `unusableLimitMs`. A pool that cannot reach Postgres for that long (a partition that left it
 * stuck, a DNS change it cannot follow) is better restarted than kept half-alive.
 */
export interface Liveness {
  poolUnusableForMs(): number;
  unusableLimitMs: number;
}

/** GET /healthz, /readyz and /metrics as plain node:http handlers (Bolt custom routes or a bare server). */
export function opsRoutes(
  checks: readonly ReadinessCheck[],
  metrics: Metrics,
  options: { liveness?: Liveness; errorLog?: ErrorLog } = {},
): Array<{ path: string; method: string; handler: Handler }> {
  const { liveness, errorLog } = options;
  return [
    {
      path: '/healthz',
      method: 'GET',
      handler: (_req, res) => {
        const stuck = liveness !== undefined && liveness.poolUnusableForMs() >= liveness.unusableLimitMs;
        sendJson(res, stuck ? 503 : 200, stuck ? { ok: false, failing: ['postgres'] } : { ok: true });
      },
    },
    {
      path: '/readyz',
      method: 'GET',
      handler: (_req, res) => {
        void readiness(checks, errorLog).then((result) => {
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
          (error: unknown) => {
            errorLog?.report('metrics', error);
            sendJson(res, 500, { ok: false, error: 'metrics could not be collected' });
          },
        );
      },
    },
  ];
}
