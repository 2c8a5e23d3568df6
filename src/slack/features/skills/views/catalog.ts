import { DomainError } from '../../../../domain/errors.ts';
import { PLAN_FIELDS } from '../../../../domain/skills/action-plan.ts';
import { ADMIN_FIELDS, type CatalogAdminResult } from '../../../../domain/skills/catalog-admin.service.ts';
import type { SkillOwner } from '../../../../domain/skills/skills.service.ts';
import { isAdmin } from '../../../kit/admin.ts';
import { md } from '../../../kit/blocks.ts';
import { formSubmission } from '../../../kit/form.ts';
import { fieldValue, metadataOf } from '../../../kit/view-state.ts';
import { ownerFor, type SkillsEdge } from '../context.ts';
import { notice } from '../forms.ts';

function summary(result: CatalogAdminResult): string {
  const parts = [
    result.added ? md`added *${result.added}*` : '',
    result.renamed ? md`renamed *${result.renamed.from}* to *${result.renamed.to}*` : '',
    result.retired ? md`retired *${result.retired}* (its history is kept)` : '',
    result.checkinEvery === null
      ? ''
      : result.checkinEvery === 0
        ? 'switched skill check-ins off'
        : `set check-ins to every ${result.checkinEvery} week${result.checkinEvery === 1 ? '' : 's'}`,
  ].filter((p) => p !== '');
  return parts.length === 0 ? 'Nothing to change: the form was empty.' : `Done: ${parts.join('; ')}.`;
}

/** The admin's catalogue form: all of it applied at once, or nothing (errors beside their field). */
export function adminSubmitted(edge: SkillsEdge) {
  return formSubmission<CatalogAdminResult>(
    { logger: edge.logger, guard: edge.guard },
    {
      fallbackBlock: ADMIN_FIELDS.addName,
      async save({ args: { view, client }, teamId, userId }) {
        // Checked again on submit: the form may have been opened before the rights changed.
        const { member } = await ownerFor(edge, client, teamId, userId);
        if (!(await isAdmin(edge.workspaces, member))) {
          throw new DomainError(
            'admin_only',
            'Only workspace admins (or whoever installed careerplan) can edit the skills catalogue.',
          );
        }
        const calendar = await edge.calendar.teamCalendar(teamId);
        return edge.services.admin.apply(
          { teamId, userId, teamTz: calendar.timeZone },
          {
            addDomain: fieldValue(view, ADMIN_FIELDS.addDomain),
            addName: fieldValue(view, ADMIN_FIELDS.addName),
            renameSkill: fieldValue(view, ADMIN_FIELDS.renameSkill),
            renameName: fieldValue(view, ADMIN_FIELDS.renameName),
            retireSkill: fieldValue(view, ADMIN_FIELDS.retireSkill),
            checkinEvery: fieldValue(view, ADMIN_FIELDS.checkinEvery),
          },
        );
      },
      answer: (_submission, result) => ({
        response_action: 'update',
        view: notice('Skills catalogue', summary(result)),
      }),
    },
  );
}

/** A gap's action plan: read, practice, show progress. */
export function actionPlanSubmitted(edge: SkillsEdge) {
  return formSubmission<SkillOwner>(
    { logger: edge.logger, guard: edge.guard },
    {
      fallbackBlock: PLAN_FIELDS.read,
      async save({ args: { view, client }, teamId, userId }) {
        const { owner } = await ownerFor(edge, client, teamId, userId);
        const skillId = metadataOf(view).skillId;
        await edge.services.skills.saveActionPlan(owner, typeof skillId === 'string' ? skillId : '', {
          read: fieldValue(view, PLAN_FIELDS.read),
          readUrl: fieldValue(view, PLAN_FIELDS.readUrl),
          practice: fieldValue(view, PLAN_FIELDS.practice),
          show: fieldValue(view, PLAN_FIELDS.show),
        });
        return owner;
      },
      after: ({ args: { client } }, owner) => edge.home.refresh(client, owner.teamId, owner.userId),
    },
  );
}
