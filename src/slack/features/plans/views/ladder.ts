import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { DomainError } from '../../../../domain/errors.ts';
import { LADDER_LIMITS } from '../../../../domain/plans/ladder.ts';
import { type LadderRowInput, ladderField } from '../../../../domain/plans/ladder-form.ts';
import { isAdmin } from '../../../kit/admin.ts';
import { fieldValue, viewErrors } from '../../../kit/view-state.ts';
import { memberFor, type PlanEdge, refreshHome } from '../context.ts';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Replaces the team's ladder; re-checks that the submitter is an admin (forms can be forged). */
export function ladderSubmitted(edge: PlanEdge) {
  return async ({ ack, view, body, client }: Args) => {
    const teamId = body.team?.id ?? view.team_id;
    const userId = body.user.id;
    const rows: LadderRowInput[] = [];
    for (let row = 0; row < LADDER_LIMITS.maxLevels; row++) {
      rows.push({
        code: fieldValue(view, ladderField(row, 'code')),
        title: fieldValue(view, ladderField(row, 'title')),
        summary: fieldValue(view, ladderField(row, 'summary')),
      });
    }
    try {
      const { member } = await memberFor(edge, client, teamId, userId);
      if (!(await isAdmin(edge.workspaces, member))) {
        throw new DomainError(
          'admin_only',
          'Only workspace admins (or whoever installed careerplan) can edit the ladder.',
        );
      }
      await edge.plans.career.saveLadder(teamId, userId, rows);
    } catch (error) {
      await ack(viewErrors(error, view, ladderField(0, 'code'), edge.logger));
      return;
    }
    await ack();
    await refreshHome(edge, client, teamId, userId);
  };
}
