import type { Clock } from '../../../domain/clock.ts';
import type { LeaderboardRepository } from '../../../domain/leaderboard/leaderboard.repository.ts';
import type { LeaderboardService } from '../../../domain/leaderboard/leaderboard.service.ts';
import type { WorkspaceRepository } from '../../../domain/workspaces/workspace.repository.ts';
import type { Logger } from '../../../ops/logger.ts';
import type { Outbox } from '../../../outbox/outbox.ts';
import type { MemberDirectory } from '../../../slack-api/member-directory.ts';
import type { SubmissionGuard } from '../../kit/form.ts';
import type { MemberResolver } from '../../kit/member.ts';
import type { ChartUploader } from './posts.ts';

/** What the leaderboard's listeners and jobs use (never the whole container). */
export interface LeaderboardEdge {
  logger: Logger;
  clock: Clock;
  workspaces: WorkspaceRepository;
  members: MemberDirectory;
  resolver: MemberResolver;
  guard: SubmissionGuard;
  leaderboard: LeaderboardService;
  repository: Pick<
    LeaderboardRepository,
    'postingTeams' | 'postingChannel' | 'syncDefaultRules' | 'rescoreAll' | 'eraseMember'
  >;
  outbox: Pick<Outbox, 'enqueue' | 'findByKey'>;
  /** Uploads the monthly chart privately and answers its file id. */
  uploadChart: ChartUploader;
  /** Enqueues one of this feature's jobs, at most once per id. */
  enqueueJob(
    job: string,
    data: Record<string, unknown>,
    options: { jobId: string; delayMs: number },
  ): Promise<void>;
  /** OAuth mode: skip workspaces that uninstalled the app. */
  installedOnly: boolean;
}
