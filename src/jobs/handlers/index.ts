import type { Deps } from '../../deps.ts';
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
  return {
    'refresh-member-profiles': createRefreshMemberProfilesHandler(deps),
    'sync-member': createSyncMemberHandler(deps),
    'reconcile-rituals': createReconcileRitualsHandler({
      ...deps,
      installedOnly: deps.config.auth.mode === 'oauth',
    }),
    'fanout-occurrence': createFanoutOccurrenceHandler(deps),
    'occurrence-step': createOccurrenceStepHandler(deps),
    deliver: createDeliverHandler({ ...deps, kinds: deps.outboxKinds }),
    'feature-job': createFeatureJobHandler(featureJobs),
  };
}
