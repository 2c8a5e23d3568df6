import { parseOooArgs, parsePauseArgs } from '../../../../domain/rituals/member-commands.ts';
import { localDateOf } from '../../../../domain/schedules/index.ts';
import type { SubcommandHandler } from '../../../commands/router.ts';
import type { RitualEdge } from '../context.ts';

async function memberToday(deps: RitualEdge, ctx: Parameters<SubcommandHandler>[0]): Promise<string> {
  const { tz } = await deps.resolver.resolve(ctx.client, ctx.teamId, ctx.userId);
  return localDateOf(deps.clock.now(), tz);
}

/**
 * Reminders already handed to Slack (docs/outbox.md) are withdrawn by a recheck job. The pause is
 * stored either way; if the job system is down, say that one scheduled reminder may still come.
 */
async function withdrawScheduled(deps: RitualEdge, ctx: Parameters<SubcommandHandler>[0]): Promise<string> {
  try {
    await deps.outbox.recheckScheduled(ctx.teamId, ctx.userId);
    return '';
  } catch {
    return ' (Saved. A reminder already scheduled with Slack could not be withdrawn just now, so one may still arrive.)';
  }
}

/** `/careerplan pause [until YYYY-MM-DD]` — no reminder DMs until then (or until resume). */
export function pauseCommand(deps: RitualEdge): SubcommandHandler {
  return async (ctx) => {
    const until = parsePauseArgs(ctx.args, await memberToday(deps, ctx));
    await deps.calendar.setPause(ctx.teamId, ctx.userId, until);
    const withdrawn = await withdrawScheduled(deps, ctx);
    return {
      text:
        (until === 'forever'
          ? ':zzz: Reminders paused until you type `/careerplan resume`.'
          : `:zzz: Reminders paused through ${until}. \`/careerplan resume\` ends the pause early.`) +
        withdrawn,
    };
  };
}

export function resumeCommand(deps: RitualEdge): SubcommandHandler {
  return async (ctx) => {
    if (ctx.args.length > 0) return { text: '`/careerplan resume` takes no arguments: it ends your pause.' };
    await deps.members.ensure(ctx.client, ctx.teamId, ctx.userId);
    await deps.calendar.setPause(ctx.teamId, ctx.userId, null);
    return { text: ':bell: Reminders are back on. Out-of-office dates you set still apply.' };
  };
}

/** `/careerplan ooo <from> <to>` — no reminders on those local days. */
export function oooCommand(deps: RitualEdge): SubcommandHandler {
  return async (ctx) => {
    const { from, to } = parseOooArgs(ctx.args, await memberToday(deps, ctx));
    await deps.calendar.addOutOfOffice(ctx.teamId, ctx.userId, from, to);
    const withdrawn = await withdrawScheduled(deps, ctx);
    return { text: `:palm_tree: Out of office ${from} – ${to}: no reminders on those days.${withdrawn}` };
  };
}
