import { DomainError } from '../../../../domain/errors.ts';
import type { RitualService } from '../../../../domain/rituals/ritual.service.ts';
import type { SubcommandHandler } from '../../../commands/router.ts';
import { requireAdmin } from '../../../kit/admin.ts';
import { ritualListMessage } from '../blocks/ritual-list.ts';
import { ritualSetupModal } from '../blocks/ritual-setup-modal.ts';
import type { RitualEdge } from '../context.ts';
import { ritualStatus } from './ritual-status.ts';

const USAGE =
  '`/careerplan ritual list`, `ritual setup [name]`, `ritual run <name>`, `ritual status <name>`, `ritual digest learning-hour`, `ritual pause <name>`, `ritual resume <name>`';

/** `/careerplan ritual …` — listing is for everyone; everything else is for admins. */
export function ritualCommand(deps: RitualEdge, service: RitualService): SubcommandHandler {
  return async (ctx) => {
    const [action = 'list', nameArg, ...rest] = ctx.args.map((a) => a.toLowerCase());
    if (action === 'list' && nameArg === undefined) {
      const rituals = await deps.rituals.listForTeam(ctx.teamId);
      const calendar = await deps.calendar.teamCalendar(ctx.teamId);
      return ritualListMessage(rituals, calendar.timeZone, deps.types);
    }
    if (!['setup', 'run', 'pause', 'resume', 'digest', 'status'].includes(action) || rest.length > 0) {
      throw new DomainError(
        'ritual_args',
        `\`/careerplan ritual ${ctx.rest.slice(0, 40)}\` is not a ritual command. Use ${USAGE}.`,
      );
    }
    await requireAdmin(deps, ctx.client, ctx.teamId, ctx.userId, `${action} rituals`);
    if (action === 'setup') {
      const type = deps.types.parse(nameArg ?? 'contribution', '/careerplan ritual setup contribution');
      const [ritual, team] = await Promise.all([
        deps.rituals.find(ctx.teamId, type.name),
        deps.calendar.teamCalendar(ctx.teamId),
      ]);
      await ctx.ack();
      await ctx.client.views.open({
        trigger_id: ctx.triggerId,
        view: ritualSetupModal(ritual, type, team.timeZone),
      });
      return undefined;
    }
    const type = deps.types.parse(nameArg, `/careerplan ritual ${action} contribution`);
    const name = type.name;
    if (action === 'status') {
      await ctx.ack();
      return ritualStatus(deps, ctx, type);
    }
    if (action === 'digest') {
      const edge = deps.typeEdges().get(name);
      if (!edge?.digestNow) {
        const withDigest = [...deps.typeEdges().values()]
          .filter((e) => e.digestNow)
          .map((e) => `\`${e.type.name}\``);
        return {
          text: `The ${name} ritual has no digest (${withDigest.join(', ') || 'no ritual'} has one). Nothing was posted.`,
        };
      }
      await ctx.ack();
      return edge.digestNow({ teamId: ctx.teamId, requestedBy: ctx.userId });
    }
    if (action === 'run') {
      const run = await service.runNow(ctx.teamId, name, ctx.userId);
      const who =
        type.audience === 'dm'
          ? 'everyone in its channel gets it once (paused and out-of-office members are skipped)'
          : 'it is posted in its channel once';
      if (!run.armed) {
        // True to what happened: the run is stored, only its start waits for the job system.
        return {
          text: `:hourglass_flowing_sand: *${type.title}* is saved to run, but the job system is not answering right now: it starts on its own within a few minutes of it coming back, and ${who}. Running it again will not send it twice.`,
        };
      }
      if (run.reused) {
        return { text: `:rocket: *${type.title}* is already starting from your earlier request: ${who}.` };
      }
      return { text: `:rocket: Running *${type.title}* now: ${who}.` };
    }
    const ritual = await service.setPaused(ctx.teamId, name, action === 'pause');
    return {
      text: ritual.paused
        ? `:double_vertical_bar: *${type.title}* is paused: no reminders until \`/careerplan ritual resume ${name}\`.`
        : `:arrow_forward: *${type.title}* is running again from its next occurrence.`,
    };
  };
}
