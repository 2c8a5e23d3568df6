import { guarded, whoClicked } from '../../../kit/actions.ts';
import { contributionModal } from '../blocks/contribution-modal.ts';
import type { RitualEdge } from '../context.ts';

/** App Home's "Log a contribution": the contribution form, answering no reminder. */
export function logContributionAction(deps: RitualEdge) {
  return guarded(deps, async (args) => {
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: contributionModal(null) });
  });
}

/** App Home's pause / resume: the same switch as `/careerplan pause` and `resume`. */
export function pauseFromHomeAction(deps: RitualEdge, paused: boolean) {
  return guarded(deps, async (args) => {
    const { teamId, userId } = whoClicked(args);
    await deps.members.ensure(args.client, teamId, userId);
    await deps.calendar.setPause(teamId, userId, paused ? 'forever' : null);
    await deps.home.refresh(args.client, teamId, userId);
  });
}
