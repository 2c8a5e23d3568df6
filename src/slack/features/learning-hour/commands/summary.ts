import { DomainError } from '../../../../domain/errors.ts';
import { plainFromSlack, SUMMARY_LIMITS } from '../../../../domain/learning-hour/summary.ts';
import type { Reply, SubcommandHandler } from '../../../commands/router.ts';
import { summaryModal } from '../blocks/summary-modal.ts';
import type { LearningHourEdge } from '../context.ts';
import { LEARNING_HOUR_ACTIONS } from '../ids.ts';

/** The answer to a summary over 3,000 characters: the limit, and the form to write it in. */
function tooLong(error: DomainError): Reply {
  return {
    text: `:warning: ${error.message}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `:warning: ${error.message}` } },
      {
        type: 'actions',
        block_id: 'learning_hour_too_long',
        elements: [
          {
            type: 'button',
            action_id: LEARNING_HOUR_ACTIONS.postFromReply,
            text: { type: 'plain_text', text: 'Open the summary form' },
            style: 'primary',
          },
        ],
      },
    ],
  };
}

/**
 * `/careerplan summary <text>` stores this week's learning summary and echoes it into the week's
 * thread; without text it opens the summary form. Links in the text are kept.
 */
export function summaryCommand(edge: LearningHourEdge): SubcommandHandler {
  return async (ctx) => {
    if (ctx.rest === '') {
      await ctx.ack();
      await ctx.client.views.open({ trigger_id: ctx.triggerId, view: summaryModal() });
      return undefined;
    }
    // Slack sends links and mentions escaped (`<https://…|…>`): stored as plain text and links.
    const { text, links } = plainFromSlack(ctx.rest);
    // The thread names the member: their profile is stored before the echo can be sent.
    await edge.resolver.resolve(ctx.client, ctx.teamId, ctx.userId);
    let given: Awaited<ReturnType<LearningHourEdge['summaryService']['give']>>;
    try {
      given = await edge.summaryService.give({
        teamId: ctx.teamId,
        userId: ctx.userId,
        text,
        link: links.find((l) => l.length <= SUMMARY_LIMITS.link) ?? null,
        source: 'command',
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'summary_too_long') return tooLong(error);
      throw error;
    }
    await ctx.ack();
    await edge.home.refresh(ctx.client, ctx.teamId, ctx.userId);
    return {
      text: given.week
        ? `:white_check_mark: Thanks! Your learning summary is stored and posted in the thread of ${given.week.date}.`
        : ':white_check_mark: Thanks! Your learning summary is stored. No learning-hour thread is open right now, so it goes into the next digest.',
    };
  };
}
