import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { RitualTimers } from '../../../../domain/rituals/ritual.service.ts';
import { validateTeamCalendar } from '../../../../domain/rituals/team-calendar.ts';
import { requireAdmin } from '../../../kit/admin.ts';
import { fieldErrorsFor } from '../../../kit/errors.ts';
import { fieldValue, fieldValues } from '../../../kit/view-state.ts';
import { TEAM_FIELDS } from '../blocks/team-modal.ts';
import type { RitualEdge } from '../context.ts';

/** Saves work days, default zone and holidays (admins only); future occurrences are re-planned. */
export function teamSettingsSubmitted(deps: RitualEdge, timers: RitualTimers) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    let calendar: ReturnType<typeof validateTeamCalendar>;
    try {
      calendar = validateTeamCalendar({
        workDays: fieldValues(view, TEAM_FIELDS.workWeek),
        timeZone: fieldValue(view, TEAM_FIELDS.timeZone),
        holidays: fieldValue(view, TEAM_FIELDS.holidays),
      });
      await requireAdmin(deps, client, teamId, body.user.id, 'change the team calendar');
    } catch (error) {
      const errors = fieldErrorsFor(error) ?? { [TEAM_FIELDS.workWeek]: (error as Error).message };
      await ack({ response_action: 'errors', errors });
      return;
    }
    await deps.calendar.saveTeamCalendar(teamId, calendar);
    await ack();
    await timers.reconcileSoon();
  };
}
