import type { SubcommandHandler } from '../../../commands/router.ts';
import type { ExportKind } from '../../../kit/feature.ts';

/**
 * `/careerplan export <kind>`: each kind comes from its own feature (SlackFeature.exportKinds);
 * this only picks one and says which exist.
 */
export function exportCommand(kinds: () => ReadonlyMap<string, ExportKind>): SubcommandHandler {
  return async (ctx) => {
    const known = [...kinds().keys()];
    const list = known.map((k) => `\`/careerplan export ${k}\``).join(', ');
    const [what, ...extra] = ctx.args.map((a) => a.toLowerCase());
    if (what === undefined) {
      return { text: `\`/careerplan export\` needs to know what to export: ${list}.` };
    }
    const kind = kinds().get(what);
    if (!kind) {
      return {
        text: `I can't export \`${(ctx.args[0] ?? '').slice(0, 40).replace(/`/g, "'")}\`. You can export: ${list}.`,
      };
    }
    if (extra.length > 0) {
      return {
        text: `\`/careerplan export ${what}\` takes nothing after \`${what}\`. Try \`/careerplan export ${what}\`.`,
      };
    }
    return kind.run({ client: ctx.client, teamId: ctx.teamId, userId: ctx.userId, ack: ctx.ack });
  };
}
