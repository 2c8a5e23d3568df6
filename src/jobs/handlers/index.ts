import type { Deps } from '../../deps.ts';
import { createOccurrenceSummaryRepository } from '../../domain/rituals/occurrence-summary.repository.ts';
import { runUnschedule } from '../../outbox/unschedule.ts';
import { createOccurrenceSummaries } from '../occurrence-summaries.ts';
import type { JobHandlers } from '../worker.ts';
import { createDeliverHandler } from './deliver.ts';
import { createFanoutOccurrenceHandler } from './fanout-occurrence.ts';
import { createFeatureJobHandler, type FeatureJobs } from './feature-job.ts';
import { createOccurrenceStepHandler } from './occurrence-step.ts';
import { createReconcileRitualsHandler } from './reconcile-rituals.ts';
import { createRefreshMemberProfilesHandler } from './refresh-member-profiles.ts';
import { createSyncMemberHandler } from './sync-member.ts';

/** One handler per job in the catalogue (the type makes a missing one a compile error). */
export function buildJobHandlers(deps: Deps, featureJobs: FeatureJobs): JobHandlers {
  // One "ritual occurrence finished" info line per occurrence, after the job that finished it.
  const summaries = createOccurrenceSummaries({
    summaries: createOccurrenceSummaryRepository(deps.db),
    logger: deps.logger,
    errorLog: deps.errorLog,
  });
  return {
    'refresh-member-profiles': createRefreshMemberProfilesHandler(deps),
    'sync-member': createSyncMemberHandler(deps),
    'reconcile-rituals': summaries.after(
      createReconcileRitualsHandler({ ...deps, installedOnly: deps.config.auth.mode === 'oauth' }),
      () => ({}),
    ),
    'fanout-occurrence': summaries.after(createFanoutOccurrenceHandler(deps), (p) => ({
      occurrenceId: p.occurrenceId,
    })),
    'occurrence-step': createOccurrenceStepHandler(deps),
    deliver: summaries.after(createDeliverHandler({ ...deps, kinds: deps.outboxKinds }), (p) => ({
      deliveryId: p.deliveryId,
    })),
    'feature-job': createFeatureJobHandler(featureJobs),
    'outbox-unschedule': (payload) => runUnschedule({ ...deps, kinds: deps.outboxKinds }, payload),
  };
}
