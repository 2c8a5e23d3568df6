import {
  DESIGN_REVIEW,
  PRESENTER_DM_KIND,
  SWAP_ASK_KIND,
  SWAP_RESULT_KIND,
} from '../../../domain/design-review/design-review.ts';
import { pickPresenter } from '../../../domain/design-review/rotation.ts';
import { isOutOfOfficeOn, isPausedOn } from '../../../domain/schedules/index.ts';
import type { OutboxKind } from '../../../outbox/kinds.ts';
import { presenterDm, swapAskDm, swapResultDm } from './blocks/dms.ts';
import { type DesignReviewEdge, nameOf, ritualZone } from './context.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * What the design review sends through the outbox, rendered when sent so it reflects the session
 * as it is then: a presenter DM to someone who is no longer the presenter, or a swap request
 * already answered, is skipped. The metric label is the ritual's name.
 */
export function designReviewOutboxKinds(edge: DesignReviewEdge): OutboxKind[] {
  const label = DESIGN_REVIEW;
  const readerTz = async (teamId: string, userId: string | null) =>
    userId ? ((await edge.workspaces.findMember(teamId, userId))?.tz ?? null) : null;

  const presenter: OutboxKind = {
    name: PRESENTER_DM_KIND,
    async prepare(row) {
      const session = await edge.reviews.session(str(row.payload.occurrenceId));
      if (session?.teamId !== row.teamId) return { skip: 'session_gone', label };
      if (session.presenterId !== row.userId) return { skip: 'not_presenter', label };
      if (session.status === 'completed' || session.endsAt <= edge.clock.now())
        return { skip: 'session_over', label };
      // The button names who a swap would go to: the next available person in the rotation.
      const rotation = await edge.reviews.rotation(row.teamId);
      const availability = await edge.calendar.availability(
        row.teamId,
        rotation.map((m) => m.userId),
      );
      const next = pickPresenter(
        rotation,
        (userId) => {
          const a = availability.get(userId);
          return !a || (!isPausedOn(a, session.date) && !isOutOfOfficeOn(a, session.date));
        },
        new Set([session.presenterId ?? '']),
      );
      const zone = await ritualZone(edge, session.ritualId);
      return {
        send: presenterDm(
          session,
          zone,
          await readerTz(row.teamId, row.userId),
          await nameOf(edge, row.teamId, next ?? null),
        ),
        label,
      };
    },
  };

  const ask: OutboxKind = {
    name: SWAP_ASK_KIND,
    async prepare(row) {
      const swap = await edge.reviews.swap(str(row.payload.swapId));
      if (swap?.teamId !== row.teamId || swap.status !== 'pending') return { skip: 'swap_answered', label };
      const session = await edge.reviews.session(swap.occurrenceId);
      if (!session) return { skip: 'session_gone', label };
      const zone = await ritualZone(edge, session.ritualId);
      const from = (await nameOf(edge, row.teamId, swap.fromUserId)) ?? 'a teammate';
      return { send: swapAskDm(session, zone, await readerTz(row.teamId, row.userId), from, swap.id), label };
    },
  };

  const result: OutboxKind = {
    name: SWAP_RESULT_KIND,
    async prepare(row) {
      const swap = await edge.reviews.swap(str(row.payload.swapId));
      if (swap?.teamId !== row.teamId || (swap.status !== 'accepted' && swap.status !== 'declined')) {
        return { skip: 'swap_gone', label };
      }
      const session = await edge.reviews.session(swap.occurrenceId);
      const other = (await nameOf(edge, row.teamId, swap.toUserId)) ?? 'a teammate';
      return { send: swapResultDm(swap.status === 'accepted', other, session?.date ?? 'that day'), label };
    },
  };

  return [presenter, ask, result];
}
