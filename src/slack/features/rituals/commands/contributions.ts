import { addDays, localDateOf } from '../../../../domain/schedules/index.ts';
import type { SubcommandHandler } from '../../../commands/router.ts';
import { contributionsMessage } from '../blocks/contributions-list.ts';
import type { RitualEdge } from '../context.ts';

/** `/careerplan contributions` — this month's and the past year's, newest first. */
export function contributionsCommand(deps: RitualEdge): SubcommandHandler {
  return async (ctx) => {
    const { tz } = await deps.resolver.resolve(ctx.client, ctx.teamId, ctx.userId);
    const today = localDateOf(deps.clock.now(), tz);
    const items = await deps.portfolio.contributionsSince(
      ctx.teamId,
      ctx.userId,
      `${addDays(today, -365).slice(0, 7)}-01`,
    );
    return contributionsMessage(items, today.slice(0, 7));
  };
}
