import type { OccurrenceSummaryRepository } from '../domain/rituals/occurrence-summary.repository.ts';
import type { ErrorLog } from '../ops/error-log.ts';
import type { Logger } from '../ops/logger.ts';
import { RetryLaterError } from './errors.ts';

/**
 * One info line per ritual occurrence, when its last delivery becomes final: "ritual occurrence
 * finished" with its sent, skipped and failed counts. Checked after every delivery and fan-out
 * job, and swept on every reconcile (deliveries finished by a button or an uninstall).
 */
export function createOccurrenceSummaries(deps: {
  summaries: OccurrenceSummaryRepository;
  logger: Logger;
  errorLog: ErrorLog;
}) {
  const report = async (scope: Parameters<OccurrenceSummaryRepository['claimFinished']>[0]) => {
    try {
      for (const s of await deps.summaries.claimFinished(scope)) {
        deps.logger.info(
          {
            occurrenceId: s.occurrenceId,
            teamId: s.teamId,
            ritual: s.ritual,
            kind: s.kind,
            sent: s.sent,
            skipped: s.skipped,
            failed: s.failed,
          },
          'ritual occurrence finished',
        );
      }
    } catch (error) {
      // Only a log line is at stake: the next job or reconcile claims it again.
      deps.errorLog.report('occurrence-summary', error);
    }
  };

  /** Runs a job handler, then reports the occurrence it may have finished (not when merely parked). */
  const after =
    <P, I>(
      handler: (payload: P, info: I) => Promise<void>,
      scopeOf: (payload: P) => Parameters<typeof report>[0],
    ) =>
    async (payload: P, info: I): Promise<void> => {
      let parked = false;
      try {
        await handler(payload, info);
      } catch (error) {
        parked = error instanceof RetryLaterError;
        throw error;
      } finally {
        if (!parked) await report(scopeOf(payload));
      }
    };

  return { report, after };
}
