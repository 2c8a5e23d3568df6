import type { ViewOutput } from '@slack/bolt';
import type { AssessmentForm } from '../../../../domain/skills/assessment.ts';
import type { AssessmentResult, SkillOwner, TopGap } from '../../../../domain/skills/skills.service.ts';
import type { OutboxMessage } from '../../../../outbox/message.ts';
import { modal } from '../../../kit/blocks.ts';
import { formSubmission } from '../../../kit/form.ts';
import { fieldValue, isChecked, metadataOf } from '../../../kit/view-state.ts';
import { resultBlocks } from '../blocks/gaps.ts';
import { ownerFor, type SkillsEdge } from '../context.ts';
import { CONFIRM_LOWER, SKILL_BLOCKS, SKILL_VIEWS } from '../ids.ts';

/**
 * The ratings in a submitted form, read from the blocks the form actually had — so a skill
 * retired since the form was opened is still seen (and refused), never silently dropped.
 */
export function assessmentFormOf(view: ViewOutput): AssessmentForm {
  const ids = new Set<string>();
  for (const blockId of Object.keys(view.state.values)) {
    const match = /^(?:level|target)_(\d+)$/.exec(blockId);
    if (match) ids.add(match[1] as string);
  }
  return {
    entries: [...ids].map((skillId) => ({
      skillId,
      level: fieldValue(view, `level_${skillId}`),
      target: fieldValue(view, `target_${skillId}`),
    })),
    confirmLowerTargets: isChecked(view, SKILL_BLOCKS.confirmLower, CONFIRM_LOWER),
  };
}

interface Saved {
  owner: SkillOwner;
  result: AssessmentResult;
  gaps: TopGap[];
  checkin?: OutboxMessage | undefined;
}

/** The modal turns into the answer: the change per skill since last time, and the top gaps. */
function answer(saved: Saved) {
  return {
    response_action: 'update' as const,
    view: modal({
      callbackId: SKILL_VIEWS.notice,
      title: 'Skills saved',
      close: 'Done',
      blocks: resultBlocks(saved.result, saved.gaps),
    }),
  };
}

/** The self-assessment modal: a new dated entry per save; nothing stored on any field error. */
export function assessmentSubmitted(edge: SkillsEdge) {
  return formSubmission<Saved>(
    { logger: edge.logger, guard: edge.guard },
    {
      fallbackBlock: SKILL_BLOCKS.confirmLower,
      async save({ args: { view, client }, teamId, userId }) {
        const { owner } = await ownerFor(edge, client, teamId, userId);
        const result = await edge.services.skills.assess(owner, assessmentFormOf(view), { source: 'self' });
        const { gaps } = await edge.services.skills.profile(owner);
        return { owner, result, gaps };
      },
      answer: (_submission, saved) => answer(saved),
      after: ({ args: { client } }, saved) =>
        edge.home.refresh(client, saved.owner.teamId, saved.owner.userId),
    },
  );
}

/** The check-in's modal: a new assessment, the `skill_checkin.done` activity, the DM marked done. */
export function checkinSubmitted(edge: SkillsEdge) {
  return formSubmission<Saved>(
    { logger: edge.logger, guard: edge.guard },
    {
      fallbackBlock: SKILL_BLOCKS.confirmLower,
      async save({ args: { view, client }, teamId, userId }) {
        const { owner } = await ownerFor(edge, client, teamId, userId);
        const rowId = metadataOf(view).rowId;
        const row = typeof rowId === 'string' ? await edge.outbox.find(rowId) : undefined;
        // Only the member's own check-in counts as one; anything else is a plain assessment.
        const checkin = row && row.teamId === teamId && row.userId === userId ? row : undefined;
        const result = await edge.services.skills.assess(owner, assessmentFormOf(view), {
          source: 'checkin',
          ...(checkin ? { checkinId: checkin.id } : {}),
        });
        if (checkin) await edge.outbox.markDone(checkin.id);
        const { gaps } = await edge.services.skills.profile(owner);
        return { owner, result, gaps, checkin };
      },
      answer: (_submission, saved) => answer(saved),
      async after({ args: { client } }, saved) {
        const { checkin } = saved;
        if (checkin?.channelId && checkin.messageTs) {
          const text = ':white_check_mark: Check-in done, thank you. Your new ratings are in App Home.';
          await client.chat.update({
            channel: checkin.channelId,
            ts: checkin.messageTs,
            text,
            blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
          });
        }
        await edge.home.refresh(client, saved.owner.teamId, saved.owner.userId);
      },
    },
  );
}
