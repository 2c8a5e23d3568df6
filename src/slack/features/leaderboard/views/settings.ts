import { requireAdmin } from '../../../kit/admin.ts';
import { formSubmission } from '../../../kit/form.ts';
import { fieldValue, isChecked, metadataOf } from '../../../kit/view-state.ts';
import type { LeaderboardEdge } from '../context.ts';
import { ruleFields, SETTINGS_BLOCKS, SWITCH_VALUES } from '../ids.ts';

/** Saves the admins' leaderboard settings; errors show beside their field and store nothing. */
export function settingsSubmitted(edge: LeaderboardEdge) {
  return formSubmission(
    { logger: edge.logger, guard: edge.guard },
    {
      fallbackBlock: SETTINGS_BLOCKS.time,
      async save({ args: { view, client }, teamId, userId }) {
        const listed = metadataOf(view).kinds;
        const kinds = Array.isArray(listed)
          ? listed.filter((k): k is string => typeof k === 'string').slice(0, 50)
          : [];
        const input = {
          postsEnabled: isChecked(view, SETTINGS_BLOCKS.switches, SWITCH_VALUES.posts),
          totalsOnly: isChecked(view, SETTINGS_BLOCKS.switches, SWITCH_VALUES.totalsOnly),
          weekday: fieldValue(view, SETTINGS_BLOCKS.weekday),
          time: fieldValue(view, SETTINGS_BLOCKS.time),
          rules: kinds.map((kind) => {
            const fields = ruleFields(kind);
            return {
              kind,
              points: fieldValue(view, fields[0]),
              weeklyCap: fieldValue(view, fields[1]),
              fields,
            };
          }),
        };
        await requireAdmin(edge, client, teamId, userId, 'change the leaderboard settings');
        await edge.leaderboard.saveSettings(teamId, input);
      },
    },
  );
}
