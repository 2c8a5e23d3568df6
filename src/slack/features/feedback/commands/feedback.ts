import { QUESTION_EXAMPLE } from '../../../../domain/feedback/feedback.ts';
import type { SubcommandHandler } from '../../../commands/router.ts';
import { line } from '../../../kit/blocks.ts';
import { day, who } from '../blocks/format.ts';
import type { FeedbackEdge } from '../context.ts';
import { openRequestForm } from '../forms.ts';
import { leadingMentions } from '../mentions.ts';
import { namedPeople } from '../people.ts';

const USAGE = `\`/careerplan feedback\` needs the people to ask, then your question: \`${QUESTION_EXAMPLE}\`. Or type just \`/careerplan feedback\` for a form (anonymous answers, a due date, what it is about).`;

/**
 * `/careerplan feedback @a @b <question>` asks the people named (signed answers, due in a week);
 * `/careerplan feedback` alone opens the form. Every refusal says what to fix and stores nothing.
 */
export function feedbackCommand(edge: FeedbackEdge): SubcommandHandler {
  return async (ctx) => {
    if (ctx.rest === '') {
      await ctx.ack();
      await openRequestForm(edge, ctx);
      return undefined;
    }
    const parsed = leadingMentions(ctx.rest);
    if (!parsed.ok) {
      return {
        text:
          parsed.problem === 'group'
            ? `Name people one by one: \`${line(parsed.token, 40)}\` is a group or a channel-wide mention. ${USAGE}`
            : `\`${line(parsed.token, 40)}\` is not a person Slack recognised: pick them from the list that appears as you type @. ${USAGE}`,
      };
    }
    if (parsed.people.length === 0) return { text: USAGE };
    // Reading the people from Slack may take more than a moment.
    await ctx.ack();
    await edge.resolver.resolve(ctx.client, ctx.teamId, ctx.userId);
    const people = await namedPeople(edge.members, ctx.client, ctx.teamId, parsed.people);
    const { request, asks } = await edge.requests.ask({
      teamId: ctx.teamId,
      requesterId: ctx.userId,
      people,
      question: parsed.rest,
    });
    await edge.home.refresh(ctx.client, ctx.teamId, ctx.userId);
    return {
      text: `:outbox_tray: Asked ${asks.map((a) => who(a.userId)).join(', ')}: "${line(request.question, 300)}". Each gets a DM at their own local time; answers are due by ${day(request.dueDate)} and show with their authors' names. For anonymous answers or another due date, use \`/careerplan feedback\` without arguments.`,
    };
  };
}
