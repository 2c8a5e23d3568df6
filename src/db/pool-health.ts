/**
 * Whether the Postgres pool can still reach the server, from the outcomes of real queries.
 *
 * A query the server answered (rows or an SQL error such as a statement timeout) counts as
 * reachable; a connection that could not be opened, was reset, or a query that got no answer at
 * all counts as unreachable. `unusableForMs` is how long the pool has failed without a single
 * success in between; liveness turns it into a restart once it passes a limit, because a process
 * that cannot reach its database for that long is better replaced than left half-alive.
 */
export interface PoolHealth {
  succeeded(): void;
  failed(error: unknown): void;
  /** Milliseconds since the first failure of the current unbroken run of failures; 0 = healthy. */
  unusableForMs(): number;
}

export function createPoolHealth(now: () => number = Date.now): PoolHealth {
  let failingSince: number | undefined;
  return {
    succeeded() {
      failingSince = undefined;
    },
    failed() {
      failingSince ??= now();
    },
    unusableForMs() {
      return failingSince === undefined ? 0 : now() - failingSince;
    },
  };
}

/** SQLSTATE classes that mean the server answered: the connection itself is fine. */
const SERVER_ANSWERED = /^(?:2[2-9A-Z]|4[0-4]|3[DF]|0A|57014|55P03|25P02)/;

/**
 * True when an error from pg means the connection is unusable (reset, closed, timed out without
 * an answer, could not connect) rather than the server refusing one statement.
 */
export function isConnectionFault(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && SERVER_ANSWERED.test(code)) return false;
  if (typeof code === 'string' && /^(?:08|57P0[1-3]|53300|E[A-Z]+)/.test(code)) return true;
  return /Connection terminated|Query read timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable|ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|socket hang up/i.test(
    error.message,
  );
}
