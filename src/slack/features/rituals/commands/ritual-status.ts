import { ritualPostKey } from '../../../../domain/rituals/occurrence.ts';
import { nextOccurrenceAfter } from '../../../../domain/rituals/occurrence-steps.ts';
import { describeSchedule } from '../../../../domain/rituals/ritual.ts';
import type { RitualType } from '../../../../domain/rituals/ritual-types.ts';
import { channelPostAt, formatTime, localTimeOf } from '../../../../domain/schedules/index.ts';
import type { CommandContext, Reply } from '../../../commands/router.ts';
import { link } from '../../../kit/blocks.ts';
import type { RitualEdge } from '../context.ts';

/** Sent, skipped (by reason), failed — the outcome of an occurrence's member reminders. */
export function outcomeLine(
  rows: ReadonlyArray<{ status: string; skipReason: string | null; count: number }>,
) {
  const sum = (statuses: string[]) =>
    rows.filter((r) => statuses.includes(r.status)).reduce((n, r) => n + r.count, 0);
  const reasons = new Map<string, number>();
  for (const r of rows.filter((row) => row.status === 'skipped')) {
    const reason = (r.skipReason ?? 'unknown').replace(/_/g, ' ');
    reasons.set(reason, (reasons.get(reason) ?? 0) + r.count);
  }
  const skipped = sum(['skipped']);
  const why = skipped ? ` (${[...reasons].map(([reason, n]) => `${reason}: ${n}`).join(', ')})` : '';
  // Handed to Slack to show at the member's minute (docs/outbox.md): not shown yet, not pending.
  const scheduled = sum(['scheduled']);
  const held = scheduled ? ` · scheduled with Slack ${scheduled}` : '';
  return `sent ${sum(['sent', 'done'])}${held} · skipped ${skipped}${why} · failed ${sum(['failed'])} · still to send ${sum(['planned', 'sending'])}`;
}

/**
 * `/careerplan ritual status <name>` (admins): the next occurrence in the channel's zone, the last
 * occurrence's counts (sent, skipped by reason, failed, responded) and a link to its thread.
 */
export async function ritualStatus(deps: RitualEdge, ctx: CommandContext, type: RitualType): Promise<Reply> {
  const ritual = await deps.rituals.find(ctx.teamId, type.name);
  const team = await deps.calendar.teamCalendar(ctx.teamId);
  const zone = ritual.timeZone ?? team.timeZone;
  const now = deps.clock.now();
  const lines = [
    `*${type.title}* (\`${type.name}\`) — ${describeSchedule(ritual.cadence, ritual.localTime)}`,
  ];
  const blocked = ritual.paused
    ? `paused: \`/careerplan ritual resume ${type.name}\` restarts it`
    : deps.types.whyNotRunnable(ritual);
  if (blocked) {
    lines.push(`*Next:* none — ${blocked}`);
  } else {
    const next = nextOccurrenceAfter(ritual, team, zone, now);
    const at = next && channelPostAt(next, ritual.localTime, zone);
    const where =
      type.audience === 'dm'
        ? ` (${zone}; each member gets it at their own ${formatTime(ritual.localTime)})`
        : ` (${zone})`;
    lines.push(
      `*Next:* ${at ? `${next} at ${formatTime(localTimeOf(at, zone))}${where}` : 'none in the next three months'} in <#${ritual.channelId}>`,
    );
  }
  const last = await deps.occurrences.latestFannedOut(ritual.id);
  if (!last) {
    lines.push('*Last occurrence:* none yet.');
    return { text: lines.join('\n') };
  }
  const edge = deps.typeEdges().get(type.name);
  const responded = edge?.respondedCount
    ? await edge.respondedCount(last.id)
    : ((await deps.occurrences.countsByStatus(last.id)).done ?? 0);
  const kind = last.kind === 'adhoc' ? 'run by hand' : 'scheduled';
  lines.push(
    `*Last occurrence:* ${last.date} (${kind}) — reminders ${outcomeLine(await deps.occurrences.reminderOutcomes(last.id))} · responded ${responded}`,
  );
  if (type.audience === 'channel') {
    const post = await deps.outbox.findByKey(ctx.teamId, ritualPostKey(last.id));
    if (post?.messageTs && post.channelId) {
      const permalink = await ctx.client.chat
        .getPermalink({ channel: post.channelId, message_ts: post.messageTs })
        .then((r) => r.permalink)
        .catch(() => undefined);
      const label = type.opensThread ? "This week's thread" : 'The post';
      lines.push(
        `*${label}:* ${permalink ? link(permalink, 'open it in Slack') : `in <#${post.channelId}>`}`,
      );
    } else {
      lines.push(
        `*The post:* ${post ? post.status.replace(/_/g, ' ') : 'not planned'}${post?.skipReason ? ` (${post.skipReason})` : ''}`,
      );
    }
  }
  return { text: lines.join('\n') };
}
