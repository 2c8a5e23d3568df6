import type { PlanOwner } from '../../../../domain/plans/records.ts';
import { formSubmission, type Respond, type Submission } from '../../../kit/form.ts';
import { memberFor, type PlanEdge, refreshHome } from '../context.ts';

/**
 * A career-plan modal: resolve the member, run `save` with their plan key, then (once Slack has
 * its answer) republish App Home. Field errors, references and resubmits as kit/form.ts says.
 */
export function planForm<T>(
  edge: PlanEdge,
  fallbackBlock: string,
  save: (submission: Submission, owner: PlanOwner) => Promise<T | Respond>,
) {
  return formSubmission<T>(
    { logger: edge.logger, guard: edge.guard },
    {
      fallbackBlock,
      async save(submission) {
        const { owner } = await memberFor(edge, submission.args.client, submission.teamId, submission.userId);
        return save(submission, owner);
      },
      after: ({ args, teamId, userId }) => refreshHome(edge, args.client, teamId, userId),
    },
  );
}
