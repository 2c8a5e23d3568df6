import { DomainError } from '../errors.ts';
import {
  PRESENTER_DM_KIND,
  presenterDmKey,
  SWAP_ASK_KIND,
  SWAP_RESULT_KIND,
  type Swap,
  swapAskKey,
  swapResultKey,
} from './design-review.ts';
import { pickPresenter } from './rotation.ts';
import { type DesignReviewDeps, designReviewKit, dm } from './service-kit.ts';

/**
 * Design-review swaps (docs/product/rituals.md): the presenter asks the next available person in
 * the rotation, who must accept; every request and answer is recorded, and each DM is written to
 * the outbox in the same transaction as the decision it announces.
 */
export function createSwapService(deps: DesignReviewDeps) {
  const { availableOn, withMessages, openSession } = designReviewKit(deps);
  return {
    /** The presenter asks the next person in the rotation to take their session. */
    async requestSwap(
      occurrenceId: string,
      teamId: string,
      userId: string,
    ): Promise<{ swap: Swap; to: string }> {
      const session = await openSession(occurrenceId, teamId);
      if (session.presenterId !== userId) {
        throw new DomainError('review_not_allowed', 'Only the presenter of this session can ask for a swap.');
      }
      const rotation = await deps.reviews.rotation(teamId);
      const available = await availableOn(
        teamId,
        rotation.map((m) => m.userId),
      );
      const to = pickPresenter(rotation, (id) => available(id, session.date), new Set([userId]));
      if (!to) {
        throw new DomainError(
          'review_not_allowed',
          'Nobody else in the rotation is available that day, so there is no one to swap with.',
        );
      }
      return withMessages(async (r, send) => {
        await r.reviews.lock(occurrenceId);
        const open = await r.reviews.openSwap(occurrenceId);
        if (open) {
          throw new DomainError(
            'review_not_allowed',
            'You already asked someone to swap this session; wait for their answer.',
          );
        }
        const swap = await r.reviews.requestSwap({ occurrenceId, teamId, from: userId, to });
        send(dm(teamId, to, swapAskKey(swap.id), SWAP_ASK_KIND, { swapId: swap.id }, deps.clock.now()));
        return { swap, to };
      });
    },

    /**
     * The person asked answers. Accepting makes them the presenter (their presenter DM follows);
     * either way the asker hears the answer. A request overtaken by events (the session changed
     * hands, or is over) is withdrawn.
     */
    async answerSwap(
      swapId: string,
      teamId: string,
      userId: string,
      accept: boolean,
    ): Promise<Swap['status']> {
      const swap = await deps.reviews.swap(swapId);
      if (!swap || swap.teamId !== teamId || swap.toUserId !== userId) {
        throw new DomainError(
          'review_not_allowed',
          'This swap request is not yours to answer, so nothing changed.',
        );
      }
      const now = deps.clock.now();
      return withMessages(async (r, send) => {
        await r.reviews.lock(swap.occurrenceId);
        const current = await r.reviews.swap(swapId);
        if (current?.status !== 'pending') {
          throw new DomainError('review_not_allowed', 'This swap request was already answered.');
        }
        const session = await r.reviews.session(swap.occurrenceId);
        const valid =
          session?.status === 'assigned' && session.presenterId === swap.fromUserId && session.endsAt > now;
        const status = !valid ? 'withdrawn' : accept ? 'accepted' : 'declined';
        await r.reviews.decideSwap(swapId, status, now);
        if (status === 'accepted') {
          await r.reviews.setPresenter(swap.occurrenceId, userId);
          send(
            dm(
              teamId,
              userId,
              presenterDmKey(swap.occurrenceId, userId),
              PRESENTER_DM_KIND,
              { occurrenceId: swap.occurrenceId },
              now,
              swap.occurrenceId,
            ),
          );
        }
        if (status !== 'withdrawn') {
          send(dm(teamId, swap.fromUserId, swapResultKey(swapId), SWAP_RESULT_KIND, { swapId }, now));
        }
        return status;
      });
    },
  };
}

export type SwapService = ReturnType<typeof createSwapService>;
