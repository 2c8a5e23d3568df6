import type { RitualTimers } from '../../../../domain/rituals/ritual.service.ts';
import { validateTeamCalendar } from '../../../../domain/rituals/team-calendar.ts';
import { requireAdmin } from '../../../kit/admin.ts';
import { formSubmission } from '../../../kit/form.ts';
import { fieldValue, fieldValues } from '../../../kit/view-state.ts';
import { TEAM_FIELDS } from '../blocks/team-modal.ts';
import type { RitualEdge } from '../context.ts';

/** Saves work days, default zone and holidays (admins only); future occurrences are re-planned. */
export function teamSettingsSubmitted(deps: RitualEdge, timers: RitualTimers) {
  return formSubmission(
    { logger: deps.logger, guard: deps.guard },
    {
      fallbackBlock: TEAM_FIELDS.workWeek,
      async save({ args: { view, client }, teamId, userId }) {
        const calendar = validateTeamCalendar({
          workDays: fieldValues(view, TEAM_FIELDS.workWeek),
          timeZone: fieldValue(view, TEAM_FIELDS.timeZone),
          holidays: fieldValue(view, TEAM_FIELDS.holidays),
        });
        await requireAdmin(deps, client, teamId, userId, 'change the team calendar');
        await deps.calendar.saveTeamCalendar(teamId, calendar);
      },
      after: () => timers.reconcileSoon(),
    },
  );
}
