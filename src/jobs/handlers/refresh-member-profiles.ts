import type { Clock } from '../../domain/clock.ts';
import type { WorkspaceRepository } from '../../domain/workspaces/workspace.repository.ts';
import type { JobQueues } from '../queues.ts';
import { jobId } from '../queues.ts';

const STALE_AFTER_MS = 20 * 3600 * 1000;

/**
 * Daily housekeeping: every member whose profile is older than ~a day gets a `sync-member` job.
 * Fanning out as separate jobs keeps each users.info call retryable on its own (a 429 on one
 * member does not redo the others). The job id contains the day, so a re-run the same day adds
 * nothing twice.
 */
export function createRefreshMemberProfilesHandler(deps: {
  workspaces: WorkspaceRepository;
  queues: JobQueues;
  clock: Clock;
}) {
  return async (payload: { batchSize: number }) => {
    const now = deps.clock.now();
    const day = now.toISOString().slice(0, 10);
    const stale = await deps.workspaces.membersToRefresh(
      new Date(now.getTime() - STALE_AFTER_MS),
      payload.batchSize,
    );
    for (const { teamId, userId } of stale) {
      await deps.queues.enqueue(
        'sync-member',
        { teamId, userId },
        { jobId: jobId('sync-member', teamId, userId, day), teamId },
      );
    }
  };
}
