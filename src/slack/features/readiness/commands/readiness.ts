import type { SubcommandHandler } from '../../../commands/router.ts';
import { readinessMessage } from '../blocks/readiness-blocks.ts';
import { ownerFor, type ReadinessEdge } from '../context.ts';
import { openChecklistForm } from '../forms.ts';

const USAGE =
  "`/careerplan readiness` shows your checklist; admins edit a track's with `/careerplan readiness edit ic` (or `staff`, `manager`).";

/** `/careerplan readiness`, and `readiness edit <track>` for admins. */
export function readinessCommand(edge: ReadinessEdge): SubcommandHandler {
  return async (ctx) => {
    const [word, ...rest] = ctx.args.map((a) => a.toLowerCase());
    if (word === undefined || (word === 'show' && rest.length === 0)) {
      const owner = await ownerFor(edge, ctx.client, ctx.teamId, ctx.userId);
      return readinessMessage(await edge.readiness.view(owner));
    }
    if (word === 'edit' && rest.length <= 1) {
      const track =
        rest[0] === undefined
          ? (await edge.readiness.view(await ownerFor(edge, ctx.client, ctx.teamId, ctx.userId))).track
          : edge.readiness.requireTrack(rest[0]);
      await openChecklistForm(edge, ctx, track);
      return undefined;
    }
    return { text: `I don't know \`readiness ${ctx.rest.slice(0, 40).replace(/`/g, "'")}\`. ${USAGE}` };
  };
}
