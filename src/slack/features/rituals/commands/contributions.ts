import type { Deps } from '../../../../deps.ts';
import { addDays, localDateOf } from '../../../../domain/schedules/index.ts';
import type { SubcommandHandler } from '../../../commands/router.ts';
import { contributionsMessage } from '../blocks/contributions-list.ts';

/** `/careerplan contributions` — this month's and the past year's, newest first. */
export function contributionsCommand(deps: Deps): SubcommandHandler {
  return async (ctx) => {
    const member = await deps.members.ensure(ctx.client, ctx.teamId, ctx.userId);
    const today = localDateOf(deps.clock.now(), member.tz ?? 'UTC');
    const items = await deps.portfolio.contributionsSince(
      ctx.teamId,
      ctx.userId,
      `${addDays(today, -365).slice(0, 7)}-01`,
    );
    return contributionsMessage(items, today.slice(0, 7));
  };
}
