import type { ViewOutput } from '@slack/bolt';
import { localDateOf } from '../../../../domain/schedules/index.ts';
import { retroMessage } from '../../../../domain/skills/checkin-planner.ts';
import type { SkillOwner } from '../../../../domain/skills/skills.service.ts';
import type { SprintRecord } from '../../../../domain/sprints/sprint.repository.ts';
import {
  goalField,
  SPRINT_FIELDS,
  SPRINT_WEEKS,
  type SprintStartForm,
} from '../../../../domain/sprints/sprint.ts';
import { formSubmission, respond } from '../../../kit/form.ts';
import { fieldValue, fieldValues, isChecked, metadataOf } from '../../../kit/view-state.ts';
import { sprintStartedText, sprintStartModal } from '../blocks/sprint.ts';
import { ownerFor, type SkillsEdge } from '../context.ts';
import { notice } from '../forms.ts';
import { CONFIRM_REPLACE, SKILL_BLOCKS } from '../ids.ts';

function sprintFormOf(view: ViewOutput): SprintStartForm {
  const goals: Record<number, string> = {};
  for (let week = 1; week <= SPRINT_WEEKS; week++) goals[week] = fieldValue(view, goalField(week));
  return {
    startDate: fieldValue(view, SPRINT_FIELDS.startDate),
    focalSkillIds: fieldValues(view, SPRINT_FIELDS.focal),
    goals,
  };
}

interface Started {
  owner: SkillOwner;
  text: string;
}

/**
 * The sprint form. A running sprint is replaced only after the member ticks the confirmation
 * (the form comes back asking for it, nothing stored); the retrospective DM is planned at once.
 */
export function sprintStartSubmitted(edge: SkillsEdge) {
  return formSubmission<Started>(
    { logger: edge.logger, guard: edge.guard },
    {
      fallbackBlock: SPRINT_FIELDS.focal,
      async save({ args: { view, client }, teamId, userId }) {
        const { owner } = await ownerFor(edge, client, teamId, userId);
        const form = sprintFormOf(view);
        const confirmed = isChecked(view, SPRINT_FIELDS.confirm, CONFIRM_REPLACE);
        const outcome = await edge.services.sprints.start(owner, form, confirmed);
        if ('needsConfirmation' in outcome) {
          const profile = await edge.services.skills.profile(owner);
          return respond({
            response_action: 'update',
            view: sprintStartModal({
              catalog: profile.catalog,
              today: localDateOf(edge.clock.now(), owner.tz),
              gaps: profile.gaps,
              replacing: outcome.needsConfirmation,
              values: { startDate: form.startDate, focal: [...form.focalSkillIds], goals: { ...form.goals } },
            }),
          });
        }
        await planRetro(edge, owner, outcome.started);
        const view2 = await edge.services.sprints.current(owner);
        return {
          owner,
          text: view2 ? sprintStartedText(view2, outcome.replaced !== null) : 'Sprint started.',
        };
      },
      answer: (_submission, started) => ({
        response_action: 'update',
        view: notice('Sprint started', started.text),
      }),
      after: ({ args: { client } }, started) =>
        edge.home.refresh(client, started.owner.teamId, started.owner.userId),
    },
  );
}

/** The end-of-sprint retrospective DM, through the outbox (the planner repairs it if this fails). */
async function planRetro(edge: SkillsEdge, owner: SkillOwner, sprint: SprintRecord): Promise<void> {
  const calendar = await edge.calendar.teamCalendar(owner.teamId);
  await edge.outbox
    .enqueue([retroMessage(sprint, calendar, owner.tz)])
    .catch((error: unknown) =>
      edge.logger.warn({ err: error, team: owner.teamId }, 'could not plan the sprint retrospective yet'),
    );
}

/** The retrospective: stored, the DM marked done; the DM's button offers the next sprint. */
export function retroSubmitted(edge: SkillsEdge) {
  return formSubmission<SkillOwner>(
    { logger: edge.logger, guard: edge.guard },
    {
      fallbackBlock: SKILL_BLOCKS.retroWentWell,
      async save({ args: { view, client }, teamId, userId }) {
        const { owner } = await ownerFor(edge, client, teamId, userId);
        const meta = metadataOf(view);
        await edge.services.sprints.saveRetro(owner, typeof meta.sprintId === 'string' ? meta.sprintId : '', {
          wentWell: fieldValue(view, SKILL_BLOCKS.retroWentWell),
          toChange: fieldValue(view, SKILL_BLOCKS.retroToChange),
        });
        const row = typeof meta.rowId === 'string' ? await edge.outbox.find(meta.rowId) : undefined;
        if (row && row.teamId === teamId && row.userId === userId) await edge.outbox.markDone(row.id);
        return owner;
      },
      answer: () => ({
        response_action: 'update',
        view: notice(
          'Retrospective saved',
          'Thank you. Carry what you would change into the next sprint: `/careerplan sprint start`, or the button in my message.',
        ),
      }),
      after: ({ args: { client } }, owner) => edge.home.refresh(client, owner.teamId, owner.userId),
    },
  );
}
