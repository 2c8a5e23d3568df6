import type { SubcommandHandler } from '../../../commands/router.ts';
import { requireAdmin } from '../../../kit/admin.ts';
import { teamModal } from '../blocks/team-modal.ts';
import type { RitualEdge } from '../context.ts';

/** `/careerplan team` — admins edit work days, default time zone and holidays. */
export function teamCommand(deps: RitualEdge): SubcommandHandler {
  return async (ctx) => {
    await requireAdmin(deps, ctx.client, ctx.teamId, ctx.userId, 'change the team calendar');
    const [calendar, names] = await Promise.all([
      deps.calendar.teamCalendar(ctx.teamId),
      deps.calendar.holidayNames(ctx.teamId),
    ]);
    await ctx.ack();
    await ctx.client.views.open({ trigger_id: ctx.triggerId, view: teamModal(calendar, names) });
    return undefined;
  };
}
