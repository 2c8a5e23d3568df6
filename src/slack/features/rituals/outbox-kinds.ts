import { REMINDER_KIND, RITUAL_POST_KIND } from '../../../domain/rituals/occurrence.ts';
import type { RitualRepository } from '../../../domain/rituals/ritual.repository.ts';
import { MAX_LATENESS_MS } from '../../../domain/rituals/ritual.ts';
import { isOutOfOfficeOn, isPausedOn } from '../../../domain/schedules/index.ts';
import { type OutboxKind, prerenderedKind } from '../../../outbox/kinds.ts';
import type { RitualTypeEdge } from '../../kit/feature.ts';
import { reminderMessage } from './blocks/reminders.ts';

/** The outbox kind of a ritual's introduction in its channel (posted from the setup modal). */
export const RITUAL_INTRO_KIND = 'ritual.intro';

/**
 * What the ritual engine sends through the outbox, rendered at send time so the message reflects
 * the ritual as it is then: a paused ritual sends nothing, and a member who paused or went out of
 * office since the fan-out is skipped. The metric label is the ritual's name (a bounded set).
 */
export function ritualOutboxKinds(deps: {
  rituals: RitualRepository;
  typeEdges(): ReadonlyMap<string, RitualTypeEdge>;
}): OutboxKind[] {
  const ritualOf = async (payload: Record<string, unknown>) =>
    typeof payload.ritualId === 'string' ? deps.rituals.findById(payload.ritualId) : undefined;

  const reminder: OutboxKind = {
    name: REMINDER_KIND,
    maxLatenessMs: MAX_LATENESS_MS,
    // Every skip below is re-checked when it changes: pause, out-of-office and ritual pause enqueue
    // a recheck, an answer or a skip marks the row and the sweep deletes its scheduled message.
    scheduleAhead: true,
    async prepare(row, recipient) {
      const ritual = await ritualOf(row.payload);
      const edge = ritual && deps.typeEdges().get(ritual.name);
      if (!ritual || !edge) return { skip: 'ritual_gone' };
      const label = ritual.name;
      if (ritual.paused) return { skip: 'ritual_paused', label };
      if (row.localDate && isPausedOn(recipient.availability, row.localDate))
        return { skip: 'paused', label };
      if (row.localDate && isOutOfOfficeOn(recipient.availability, row.localDate)) {
        return { skip: 'out_of_office', label };
      }
      const answered = await edge.reminderSkipReason?.(row);
      if (answered) return { skip: answered, label };
      return { send: reminderMessage(edge.prompt, row.id, row.round), label };
    },
  };

  const post: OutboxKind = {
    name: RITUAL_POST_KIND,
    maxLatenessMs: MAX_LATENESS_MS,
    async prepare(row) {
      const ritual = await ritualOf(row.payload);
      const edge = ritual && deps.typeEdges().get(ritual.name);
      if (!ritual || !edge?.channelPost) return { skip: 'ritual_gone' };
      if (ritual.paused) return { skip: 'ritual_paused', label: ritual.name };
      const post = await edge.channelPost(ritual, { occurrenceId: row.occurrenceId ?? '', rowId: row.id });
      return { send: post, label: ritual.name };
    },
  };

  // The introduction an admin may post when saving a ritual's setup (finished text).
  return [reminder, post, prerenderedKind(RITUAL_INTRO_KIND)];
}
