import { DomainError } from '../../../../domain/errors.ts';
import { LADDER_LIMITS } from '../../../../domain/plans/ladder.ts';
import { type LadderRowInput, ladderField } from '../../../../domain/plans/ladder-form.ts';
import { isAdmin } from '../../../kit/admin.ts';
import { fieldValue } from '../../../kit/view-state.ts';
import { memberFor, type PlanEdge } from '../context.ts';
import { planForm } from './submit.ts';

/** Replaces the team's ladder; re-checks that the submitter is an admin (forms can be forged). */
export function ladderSubmitted(edge: PlanEdge) {
  return planForm(edge, ladderField(0, 'code'), async ({ args: { view, client }, teamId, userId }) => {
    const rows: LadderRowInput[] = [];
    for (let row = 0; row < LADDER_LIMITS.maxLevels; row++) {
      rows.push({
        code: fieldValue(view, ladderField(row, 'code')),
        title: fieldValue(view, ladderField(row, 'title')),
        summary: fieldValue(view, ladderField(row, 'summary')),
      });
    }
    const { member } = await memberFor(edge, client, teamId, userId);
    if (!(await isAdmin(edge.workspaces, member))) {
      throw new DomainError(
        'admin_only',
        'Only workspace admins (or whoever installed careerplan) can edit the ladder.',
      );
    }
    await edge.plans.career.saveLadder(teamId, userId, rows);
  });
}
