import { nextOccurrenceAfter } from '../../../domain/rituals/occurrence-steps.ts';
import type { Ritual } from '../../../domain/rituals/ritual.ts';
import {
  channelPostAt,
  localDateOf,
  localToUtc,
  type TeamCalendar,
} from '../../../domain/schedules/index.ts';
import type { HomeContext, HomeSection } from '../../kit/feature.ts';
import { type HomeRitualLine, ritualsHomeBlocks } from './blocks/home-section.ts';
import type { RitualEdge } from './context.ts';

function inZone(at: Date, tz: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: tz,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

/**
 * The next time a ritual reaches this member, in their zone: a DM ritual at the ritual's time in
 * their own zone, a channel ritual at its time in the channel's zone.
 */
function nextTime(ritual: Ritual, team: TeamCalendar, ctx: HomeContext): string {
  const zone = ritual.timeZone ?? team.timeZone;
  if (ritual.audience === 'dm') {
    const date = nextOccurrenceAfter(ritual, team, ctx.tz, ctx.now);
    return date
      ? `${inZone(localToUtc(date, ritual.localTime, ctx.tz), ctx.tz)} (your time)`
      : 'not in the next three months';
  }
  const date = nextOccurrenceAfter(ritual, team, zone, ctx.now);
  return date
    ? `${inZone(channelPostAt(date, ritual.localTime, zone), ctx.tz)} (your time) in <#${ritual.channelId}>`
    : 'not in the next three months';
}

/** App Home's rituals section (order 20: after the career plan). */
export function ritualsHomeSection(deps: RitualEdge): HomeSection {
  return {
    id: 'rituals',
    order: 20,
    async render(ctx) {
      const { member, tz, now } = ctx;
      const [rituals, team, availability] = await Promise.all([
        deps.rituals.listForTeam(member.teamId),
        deps.calendar.teamCalendar(member.teamId),
        deps.calendar.availability(member.teamId, [member.userId]),
      ]);
      const edges = deps.typeEdges();
      const lines: HomeRitualLine[] = [];
      for (const ritual of rituals) {
        const edge = edges.get(ritual.name);
        if (!edge?.type.runnable || !ritual.channelId) continue;
        lines.push({
          name: ritual.name,
          title: edge.type.title,
          next: ritual.paused ? 'none: the ritual is paused' : nextTime(ritual, team, ctx),
          status: await edge.home?.status(ctx),
          button: edge.home?.button,
        });
      }
      const mine = availability.get(member.userId);
      const today = localDateOf(now, tz);
      return ritualsHomeBlocks({
        rituals: lines,
        tz,
        pausedUntil:
          mine?.pausedUntil && (mine.pausedUntil === 'forever' || mine.pausedUntil >= today)
            ? mine.pausedUntil
            : null,
        ooo: (mine?.ooo ?? []).filter((r) => r.to >= today).sort((a, b) => a.from.localeCompare(b.from)),
      });
    },
  };
}
