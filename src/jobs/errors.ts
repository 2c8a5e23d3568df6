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
