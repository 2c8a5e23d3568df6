import type { Clock } from '../../domain/clock.ts';
import type { WorkspaceRepository } from '../../domain/workspaces/workspace.repository.ts';
import type { JobQueues } from '../queues.ts';
import { jobId } from '../queues.ts';

const STALE_AFTER_MS = 20 * 3600 * 1000;

/**
 * Daily housekeeping: every member whose profile is older than ~a day gets a `sync-member` job —
 * all of them, page by page (a missed `user_change` event must not leave anyone's time zone or
 * admin flag stale because the workspace is large). Fanning out as separate jobs keeps each
 * users.info call retryable on its own (a 429 on one member does not redo the others). The job
 * id contains the day, so a re-run the same day adds nothing twice.
 */
export function createRefreshMemberProfilesHandler(deps: {
  workspaces: WorkspaceRepository;
  queues: JobQueues;
  clock: Clock;
}) {
  return async (payload: { batchSize: number }) => {
    const now = deps.clock.now();
    const day = now.toISOString().slice(0, 10);
    const staleBefore = new Date(now.getTime() - STALE_AFTER_MS);
    let after: { teamId: string; userId: string } | undefined;
    for (;;) {
      const page = await deps.workspaces.membersToRefresh(staleBefore, payload.batchSize, after);
      await deps.queues.enqueueMany(
        'sync-member',
        page.map(({ teamId, userId }) => ({
          payload: { teamId, userId },
          jobId: jobId('sync-member', teamId, userId, day),
          teamId,
        })),
      );
      if (page.length < payload.batchSize) return;
      after = page.at(-1);
    }
  };
}
