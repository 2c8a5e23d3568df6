import { guarded } from '../../../kit/actions.ts';
import { summaryModal } from '../blocks/summary-modal.ts';
import type { LearningHourEdge } from '../context.ts';

/**
 * "Post my summary" (under the week's thread, in App Home, or under a too-long answer): opens the
 * summary form; from a thread, the summary joins that thread's week.
 */
export function openSummaryForm(edge: LearningHourEdge) {
  return guarded(edge, async (args) => {
    const value = (args.action as { value?: string }).value;
    const weekId = value && /^\d+$/.test(value) ? value : undefined;
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: summaryModal(weekId ? { weekId } : {}),
    });
  });
}
