/**
 * Thrown by a job handler when retrying cannot help (the user left Slack, the app was
 * uninstalled). The worker turns it into BullMQ's UnrecoverableError: failed at once, no retry.
 */
export class PermanentJobError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

/**
 * Thrown by a job handler that must wait without it counting as a failed attempt (a workspace
 * is rate-limited, or another worker holds the delivery). The worker moves the job to the
 * delayed set until `untilMs`.
 */
export class RetryLaterError extends Error {
  constructor(
    readonly untilMs: number,
    readonly reason: string,
    /** Merged into the job's payload before it is delayed (e.g. the throttle slot it booked). */
    readonly payloadPatch?: Record<string, unknown>,
  ) {
    super(`waiting until ${new Date(untilMs).toISOString()}: ${reason}`);
    this.name = 'RetryLaterError';
  }
}

/**
 * Redis (the job system) could not take the job right now: it is down, unreachable, or did not
 * answer within the command timeout. Thrown at once instead of waiting for Redis to come back,
 * so a request can tell its user the truth in time.
 *
 * `maybeQueued` says whether the job may still have been added: false when the command was
 * never sent (the connection was down), true when it was sent but no answer came in time. Either
 * way the job was not *confirmed*; callers whose Postgres row already exists can rely on
 * reconcile to create the timer later (deterministic job ids make a late add harmless).
 */
export class QueueUnavailableError extends Error {
  constructor(
    readonly operation: string,
    readonly maybeQueued: boolean,
    options?: { cause?: unknown },
  ) {
    super(`the job system (Redis) is unavailable: ${operation} was not confirmed`, options);
    this.name = 'QueueUnavailableError';
  }
}
