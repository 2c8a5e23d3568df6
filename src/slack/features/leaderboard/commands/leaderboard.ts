import { parseSpan } from '../../../../domain/leaderboard/periods.ts';
import type { SubcommandHandler } from '../../../commands/router.ts';
import { requireAdmin } from '../../../kit/admin.ts';
import { standingsReply } from '../blocks/board.ts';
import { settingsModal } from '../blocks/settings-modal.ts';
import type { LeaderboardEdge } from '../context.ts';

/**
 * `/careerplan leaderboard [week|month|quarter]` — the period so far, to the member alone, with
 * their own rank; `leaderboard optout|optin`; `leaderboard settings` (admins).
 */
export function leaderboardCommand(edge: LeaderboardEdge): SubcommandHandler {
  return async (ctx) => {
    const word = (ctx.args[0] ?? 'week').toLowerCase();
    if (ctx.args.length > 1) {
      return {
        text: ':warning: Try `/careerplan leaderboard`, `leaderboard month`, `leaderboard optout` or `leaderboard optin`.',
      };
    }
    if (word === 'optout') {
      await edge.members.ensure(ctx.client, ctx.teamId, ctx.userId);
      const changed = await edge.leaderboard.optOut(ctx.teamId, ctx.userId);
      return {
        text: changed
          ? ":see_no_evil: Done: your name is off the leaderboard, in posts and in `/careerplan leaderboard`. Your points still count in the team's total. `/careerplan leaderboard optin` puts it back."
          : 'You had already opted out of the leaderboard; nothing changed. `/careerplan leaderboard optin` puts your name back.',
      };
    }
    if (word === 'optin') {
      const changed = await edge.leaderboard.optIn(ctx.teamId, ctx.userId);
      return {
        text: changed
          ? ':wave: Welcome back: your name appears on the leaderboard again.'
          : 'You are on the leaderboard already; nothing changed. `/careerplan leaderboard optout` keeps your name off it.',
      };
    }
    if (word === 'settings') {
      await requireAdmin(edge, ctx.client, ctx.teamId, ctx.userId, 'change the leaderboard settings');
      const [settings, rules] = await Promise.all([
        edge.leaderboard.settings(ctx.teamId),
        edge.leaderboard.rules(ctx.teamId),
      ]);
      await ctx.ack();
      await ctx.client.views.open({ trigger_id: ctx.triggerId, view: settingsModal(settings, rules) });
      return undefined;
    }
    const span = parseSpan(word);
    await edge.resolver.resolve(ctx.client, ctx.teamId, ctx.userId);
    return standingsReply(await edge.leaderboard.standingsNow(ctx.teamId, span, ctx.userId));
  };
}
