import { DESIGN_REVIEW } from '../../../../domain/design-review/design-review.ts';
import { DomainError } from '../../../../domain/errors.ts';
import { addDays, channelPostAt, localDateOf, occurrenceDates } from '../../../../domain/schedules/index.ts';
import type { CommandContext, Reply, SubcommandHandler } from '../../../commands/router.ts';
import { reviewListMessage } from '../blocks/review-list.ts';
import type { DesignReviewEdge } from '../context.ts';

const USAGE = '`/careerplan review` (who presents next), `review join` or `review leave`';
const SHOWN = 4;

/** `/careerplan review` — the next sessions and presenters (decided or as the rotation stands). */
async function upcomingReply(edge: DesignReviewEdge, ctx: CommandContext): Promise<Reply> {
  const { tz } = await edge.resolver.resolve(ctx.client, ctx.teamId, ctx.userId);
  const ritual = await edge.rituals.find(ctx.teamId, DESIGN_REVIEW);
  const team = await edge.calendar.teamCalendar(ctx.teamId);
  const zone = ritual.timeZone ?? team.timeZone;
  const now = edge.clock.now();
  const today = localDateOf(now, zone);
  const running = ritual.channelId !== null && !ritual.paused;
  const scheduled = running
    ? occurrenceDates(ritual.cadence, today, addDays(today, 120), team.workWeek).filter(
        (d) => channelPostAt(d, ritual.localTime, zone) > now,
      )
    : [];
  const assigned = (await edge.reviews.upcoming(ctx.teamId, today)).map((s) => s.date);
  const dates = [...new Set([...assigned, ...scheduled])].sort().slice(0, SHOWN);
  const sessions = await edge.service.upcoming(ctx.teamId, dates);
  const ids = sessions.flatMap((s) => (s.presenter ? [s.presenter] : []));
  const members = await edge.workspaces.findMembers(ctx.teamId, ids);
  const since = await edge.reviews.membership(ctx.teamId, ctx.userId);
  return reviewListMessage({
    sessions,
    names: new Map(members.map((m) => [m.userId, m.realName || m.displayName])),
    time: ritual.localTime,
    zone,
    readerTz: tz,
    channelId: ritual.channelId,
    memberLine: since
      ? `You are in the rotation (since ${since.toISOString().slice(0, 10)}). Leave it with \`/careerplan review leave\`.`
      : 'You are not in the rotation. Join it with `/careerplan review join`.',
  });
}

/** `/careerplan review [join|leave]` — the design-review presenter rotation. */
export function reviewCommand(edge: DesignReviewEdge): SubcommandHandler {
  return async (ctx) => {
    const [action, ...rest] = ctx.args.map((a) => a.toLowerCase());
    if (action === undefined) return upcomingReply(edge, ctx);
    if (rest.length > 0 || (action !== 'join' && action !== 'leave')) {
      throw new DomainError(
        'review_args',
        `\`/careerplan review ${ctx.rest.slice(0, 40)}\` is not a review command. Use ${USAGE}.`,
      );
    }
    await edge.resolver.resolve(ctx.client, ctx.teamId, ctx.userId);
    if (action === 'join') {
      await edge.service.join(ctx.teamId, ctx.userId);
      await ctx.ack();
      await edge.home.refresh(ctx.client, ctx.teamId, ctx.userId);
      return {
        text: ':busts_in_silhouette: You joined the design-review presenter rotation. Whoever presented least recently goes first; you get a DM three work days before your session.',
      };
    }
    await edge.service.leave(ctx.teamId, ctx.userId);
    await ctx.ack();
    await edge.home.refresh(ctx.client, ctx.teamId, ctx.userId);
    return {
      text: 'You left the design-review presenter rotation. `/careerplan review join` brings you back.',
    };
  };
}
