import type { ErasureService } from '../../../domain/privacy/erasure.service.ts';
import type { WorkspaceRepository } from '../../../domain/workspaces/workspace.repository.ts';
import type { Logger } from '../../../ops/logger.ts';
import type { MemberDirectory } from '../../../slack-api/member-directory.ts';
import type { SubmissionGuard } from '../../kit/form.ts';

/** What the delete-my-data listeners use. Note: no member resolver — it would store the member again. */
export interface PrivacyEdge {
  erasure: ErasureService;
  workspaces: WorkspaceRepository;
  members: MemberDirectory;
  logger: Logger;
  guard: SubmissionGuard;
}
