import type { SubcommandHandler } from '../../../commands/router.ts';
import { requireAdmin } from '../../../kit/admin.ts';
import { who } from '../blocks/format.ts';
import type { FeedbackEdge } from '../context.ts';
import { leadingMentions, singleMention } from '../mentions.ts';
import { namedPeople } from '../people.ts';

const USAGE =
  '`/careerplan manager @name` records who your manager is; `/careerplan manager none` forgets it; admins set how often feedback conversations come round with `/careerplan manager every 3` (months, or `off`).';

function cadenceText(months: number): string {
  if (months === 0) return 'Feedback conversation nudges are off in this workspace.';
  return months === 3
    ? 'Feedback conversations come round every quarter.'
    : `Feedback conversations come round every ${months} month${months === 1 ? '' : 's'}.`;
}

/**
 * `/careerplan manager` — who your manager is (for the periodic feedback conversation), and for
 * admins how often those conversations come round.
 */
export function managerCommand(edge: FeedbackEdge): SubcommandHandler {
  return async (ctx) => {
    const [first = '', ...more] = ctx.args;
    const word = first.toLowerCase();
    if (ctx.rest === '') {
      const { managerId, everyMonths } = await edge.conversations.settings(ctx.teamId, ctx.userId);
      const current = managerId
        ? `Your manager is ${who(managerId)}.`
        : 'You have not named your manager yet.';
      return { text: `${current} ${cadenceText(everyMonths)} ${USAGE}` };
    }
    if (word === 'every' && more.length > 0) {
      await ctx.ack();
      await requireAdmin(
        edge,
        ctx.client,
        ctx.teamId,
        ctx.userId,
        'change how often feedback conversations come round',
      );
      const months = await edge.conversations.setCadence(ctx.teamId, more.join(' '));
      return { text: `:white_check_mark: ${cadenceText(months)}` };
    }
    if ((word === 'none' || word === 'remove') && more.length === 0) {
      const removed = await edge.conversations.removeManager(ctx.teamId, ctx.userId);
      return {
        text: removed
          ? 'Forgotten: you have no manager named now.'
          : 'You had no manager named; nothing changed.',
      };
    }
    const managerId = singleMention(ctx.rest);
    if (!managerId) {
      const parsed = leadingMentions(ctx.rest);
      const many = parsed.ok && parsed.people.length > 1;
      return { text: many ? `Name one manager. ${USAGE}` : USAGE };
    }
    await ctx.ack();
    await edge.resolver.resolve(ctx.client, ctx.teamId, ctx.userId);
    const [manager] = await namedPeople(edge.members, ctx.client, ctx.teamId, [managerId]);
    if (!manager) return { text: USAGE };
    await edge.conversations.setManager({ teamId: ctx.teamId, userId: ctx.userId, manager });
    await edge.home.refresh(ctx.client, ctx.teamId, ctx.userId);
    const { everyMonths } = await edge.conversations.settings(ctx.teamId, ctx.userId);
    const when = everyMonths === 0 ? '' : ' You will both get a nudge when a feedback conversation is due.';
    return { text: `:white_check_mark: Your manager is ${who(managerId)}; they get a DM saying so.${when}` };
  };
}
