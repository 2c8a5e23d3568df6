import type { Logger } from './logger.ts';

/**
 * One JSON line per kind of infrastructure error, at most once per `intervalMs`.
 *
 * While Redis or Postgres is down, every connection retries every second or so and each retry
 * fails the same way; logging each one buries everything else (an outage once produced 264 stack
 * traces in 321 lines). So errors are grouped by source and error code, the first of a group is
 * logged at once, and the repeats within the interval are only counted: the next line of that
 * group says how many were left out (`repeated`).
 */
export interface ErrorLog {
  /** Logs `error` from `source` (e.g. "redis", "pg-pool", "bullmq-worker") unless its group just logged. */
  report(source: string, error: unknown, fields?: Record<string, unknown>): void;
}

export function createErrorLog(
  logger: Logger,
  options: { intervalMs?: number; now?: () => number } = {},
): ErrorLog {
  const intervalMs = options.intervalMs ?? 10_000;
  const now = options.now ?? Date.now;
  const groups = new Map<string, { lastLoggedAt: number; repeated: number }>();
  return {
    report(source, error, fields = {}) {
      const key = `${source}|${errorKind(error)}`;
      const t = now();
      const group = groups.get(key);
      if (group && t - group.lastLoggedAt < intervalMs) {
        group.repeated++;
        return;
      }
      const repeated = group?.repeated ?? 0;
      groups.set(key, { lastLoggedAt: t, repeated: 0 });
      // Bounded memory even if error texts vary wildly: forget the oldest groups.
      if (groups.size > 500) {
        const oldest = groups.keys().next().value;
        if (oldest !== undefined) groups.delete(oldest);
      }
      logger.warn(
        { err: error, source, ...(repeated > 0 ? { repeated } : {}), ...fields },
        `${source} error`,
      );
    },
  };
}

/** The part of an error that says what went wrong, without hosts, ports or ids that vary. */
function errorKind(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') return `${error.name}:${code}`;
  return `${error.name}:${error.message.replace(/\d+/g, '#').slice(0, 80)}`;
}
