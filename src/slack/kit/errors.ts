import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';
import type { Logger } from '../../ops/logger.ts';

/**
 * Turns any error from a listener into words for the user. DomainErrors carry their own message;
 * anything else is logged with a short reference the user can quote to an operator.
 */
export function userMessageFor(error: unknown, logger: Logger, context: Record<string, unknown>): string {
  if (error instanceof DomainError) return `:warning: ${error.message}`;
  const ref = randomUUID().slice(0, 8);
  logger.error({ err: error, ref, ...context }, 'listener failed');
  return `:x: Something went wrong on our side and nothing was changed. If it keeps happening, give your admin this reference: \`${ref}\`.`;
}

/** DomainErrors with a field become `response_action: errors` on that modal input. */
export function fieldErrorsFor(error: unknown): Record<string, string> | undefined {
  if (error instanceof DomainError && error.field) return { [error.field]: error.message };
  return undefined;
}
