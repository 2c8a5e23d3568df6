import type { ModalView } from '@slack/types';
import { DomainError } from '../../../../domain/errors.ts';
import { OKR_LIMITS } from '../../../../domain/plans/okrs.ts';
import {
  type ActionArgs,
  actionValue,
  guarded,
  replaceList,
  verbAndId,
  whoClicked,
} from '../../../kit/actions.ts';
import { line } from '../../../kit/blocks.ts';
import {
  checkInModal,
  keyResultAddModal,
  keyResultEditModal,
  objectiveEditModal,
} from '../blocks/okr-modals.ts';
import { okrList } from '../commands/okr.ts';
import { memberFor, type PlanEdge, refreshHome } from '../context.ts';
import { MENU_VERBS } from '../ids.ts';

async function ownerOfClick(edge: PlanEdge, args: ActionArgs) {
  const { teamId, userId } = whoClicked(args);
  return (await memberFor(edge, args.client, teamId, userId)).owner;
}

/** The objective menu of `/careerplan okr`: add a key result, edit, archive. */
export function objectiveMenu(edge: PlanEdge) {
  return guarded(edge, async (args) => {
    const { verb, id } = verbAndId(actionValue(args));
    const owner = await ownerOfClick(edge, args);
    const open = (view: ModalView) => args.client.views.open({ trigger_id: args.body.trigger_id, view });
    if (verb === MENU_VERBS.addKeyResult) {
      const objective = await edge.plans.okrs.objective(owner, id);
      if (objective.keyResults.length >= OKR_LIMITS.maxKeyResults) {
        throw new DomainError(
          'okr_kr_limit',
          `*${line(objective.title)}* already has ${objective.keyResults.length} key results, the most we allow. Merge or archive one first.`,
        );
      }
      await open(keyResultAddModal(objective));
    } else if (verb === MENU_VERBS.edit) {
      await open(objectiveEditModal(await edge.plans.okrs.objective(owner, id)));
    } else if (verb === MENU_VERBS.archive) {
      const archived = await edge.plans.okrs.archiveObjective(owner, id);
      await replaceList(
        args,
        await okrList(edge, owner, archived.quarter, `:file_cabinet: Archived *${line(archived.title)}*.`),
      );
      await refreshHome(edge, args.client, owner.teamId, owner.userId);
    } else {
      throw new Error(`unknown objective menu verb "${verb}"`);
    }
  });
}

/** The key-result menu of `/careerplan okr` and App Home: check in, edit, archive. */
export function keyResultMenu(edge: PlanEdge) {
  return guarded(edge, async (args) => {
    const { verb, id } = verbAndId(actionValue(args));
    const owner = await ownerOfClick(edge, args);
    if (verb === MENU_VERBS.checkIn) {
      const kr = await edge.plans.okrs.keyResult(owner, id);
      await args.client.views.open({ trigger_id: args.body.trigger_id, view: checkInModal(kr) });
    } else if (verb === MENU_VERBS.edit) {
      const kr = await edge.plans.okrs.keyResult(owner, id);
      await args.client.views.open({ trigger_id: args.body.trigger_id, view: keyResultEditModal(kr) });
    } else if (verb === MENU_VERBS.archive) {
      const kr = await edge.plans.okrs.archiveKeyResult(owner, id);
      const objective = await edge.plans.okrs.objective(owner, kr.objectiveId).catch(() => null);
      await replaceList(
        args,
        await okrList(
          edge,
          owner,
          objective?.quarter,
          `:file_cabinet: Archived the key result *${line(kr.title)}*.`,
        ),
      );
      await refreshHome(edge, args.client, owner.teamId, owner.userId);
    } else {
      throw new Error(`unknown key result menu verb "${verb}"`);
    }
  });
}
