import {
  DIGEST_KIND,
  LEARNING_HOUR,
  SUMMARY_ECHO_KIND,
} from '../../../domain/learning-hour/learning-hour.ts';
import type { OutboxKind } from '../../../outbox/kinds.ts';
import { prerenderedKind } from '../../../outbox/kinds.ts';
import { summaryEcho } from './blocks/echo.ts';
import { type LearningHourEdge, namesOf } from './context.ts';

/** A digest found late (the system was down) is still worth posting within three days. */
const DIGEST_MAX_LATENESS_MS = 3 * 24 * 3600_000;

/**
 * What the learning hour sends through the outbox: a summary echoed into the thread (rendered
 * at send time from the stored summary, so a summary deleted meanwhile is not echoed) and the
 * digest's parts (finished when composed).
 */
export function learningHourOutboxKinds(edge: LearningHourEdge): OutboxKind[] {
  const echo: OutboxKind = {
    name: SUMMARY_ECHO_KIND,
    async prepare(row) {
      const id = row.payload.summaryId;
      const summary = typeof id === 'string' ? await edge.summaries.find(id) : undefined;
      if (!summary || summary.teamId !== row.teamId) return { skip: 'summary_deleted', label: LEARNING_HOUR };
      const names = await namesOf(edge.workspaces, summary.teamId, [summary.userId]);
      return { send: summaryEcho(names.get(summary.userId) ?? 'a teammate', summary), label: LEARNING_HOUR };
    },
  };
  const digest = prerenderedKind(DIGEST_KIND, { maxLatenessMs: DIGEST_MAX_LATENESS_MS });
  return [
    echo,
    {
      ...digest,
      prepare: async (row, recipient) => ({
        ...(await digest.prepare(row, recipient)),
        label: LEARNING_HOUR,
      }),
    },
  ];
}
