import { isOutOfOfficeOn, isPausedOn } from '../../../domain/schedules/index.ts';
import { CHECKIN_KIND, RETRO_KIND } from '../../../domain/skills/checkin-planner.ts';
import type { SkillServices } from '../../../domain/skills/index.ts';
import type { OutboxKind } from '../../../outbox/kinds.ts';
import type { OutboxMessage, RecipientAtClaim } from '../../../outbox/message.ts';
import { checkinMessage, retroMessage } from './blocks/checkin.ts';

/** A member who assessed this recently has just answered what a check-in would ask. */
const RECENT_ASSESSMENT_MS = 3 * 24 * 3600_000;

function unavailable(row: OutboxMessage, recipient: RecipientAtClaim): string | undefined {
  if (!row.localDate) return undefined;
  if (isPausedOn(recipient.availability, row.localDate)) return 'paused';
  if (isOutOfOfficeOn(recipient.availability, row.localDate)) return 'out_of_office';
  return undefined;
}

/**
 * The skills feature's DMs, rendered when they are sent so they reflect the member's data then:
 * the check-in asks about the focal skills of the running sprint (else the top gaps) and shows
 * what changed last time; the retrospective goes only to a sprint still waiting for one. Pause,
 * out-of-office and a team that switched check-ins off skip the DM.
 */
export function skillsOutboxKinds(services: SkillServices, now: () => Date): OutboxKind[] {
  const checkin: OutboxKind = {
    name: CHECKIN_KIND,
    async prepare(row, recipient) {
      const why = unavailable(row, recipient);
      if (why) return { skip: why };
      if (!row.userId) return { skip: 'invalid_payload' };
      if ((await services.store.catalog.settings(row.teamId)).everyWeeks === 0)
        return { skip: 'checkins_off' };
      const last = await services.store.assessments.lastAssessedAt(row.teamId, row.userId);
      if (row.round === 1 && last && now().getTime() - last.getTime() < RECENT_ASSESSMENT_MS) {
        return { skip: 'recently_assessed' };
      }
      const owner = { teamId: row.teamId, userId: row.userId, tz: row.tz ?? 'UTC' };
      const focus = await services.skills.checkinFocus(owner);
      if (focus.skills.length === 0) return { skip: 'nothing_to_ask' };
      return {
        send: checkinMessage({
          skills: focus.skills,
          history: focus.profile.history,
          fromSprint: focus.fromSprint,
          rowId: row.id,
          round: row.round,
        }),
      };
    },
  };

  const retro: OutboxKind = {
    name: RETRO_KIND,
    async prepare(row, recipient) {
      const why = unavailable(row, recipient);
      if (why) return { skip: why };
      const sprintId = row.payload.sprintId;
      const sprint =
        typeof sprintId === 'string' ? await services.store.sprints.find(row.teamId, sprintId) : undefined;
      if (!sprint || sprint.status === 'closed') return { skip: 'sprint_gone' };
      if (sprint.retro) return { skip: 'retro_written' };
      return { send: retroMessage({ startDate: sprint.startDate, rowId: row.id }) };
    },
  };

  return [checkin, retro];
}
