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
