import type { ViewOutput } from '@slack/bolt';
import { DomainError } from '../../../../domain/errors.ts';
import type { FeedbackAbout } from '../../../../domain/feedback/feedback.ts';
import { validateSkillLabel } from '../../../../domain/feedback/feedback.ts';
import { formSubmission } from '../../../kit/form.ts';
import { fieldValue, isChecked, metadataOf } from '../../../kit/view-state.ts';
import type { FeedbackEdge } from '../context.ts';
import { keyResultOptions } from '../forms.ts';
import { ANSWER_BLOCKS, REQUEST_BLOCKS } from '../ids.ts';
import { namedPeople } from '../people.ts';

/** The users picked in a users-select input (Slack sends them as `selected_users`). */
function selectedUsers(view: ViewOutput, blockId: string): string[] {
  const state = Object.values(view.state.values[blockId] ?? {})[0] as
    | { selected_users?: string[] }
    | undefined;
  return (state?.selected_users ?? []).filter((u) => typeof u === 'string');
}

function askIdOf(view: ViewOutput): string {
  const id = metadataOf(view).askId;
  return typeof id === 'string' ? id : '';
}

/** The new-request form: the same rules as the command, each error beside its field. */
export function requestSubmitted(edge: FeedbackEdge) {
  return formSubmission(edge, {
    fallbackBlock: REQUEST_BLOCKS.question,
    async save({ args: { view, client }, teamId, userId }) {
      const { tz } = await edge.resolver.resolve(client, teamId, userId);
      const people = await namedPeople(
        edge.members,
        client,
        teamId,
        selectedUsers(view, REQUEST_BLOCKS.people),
      );
      const skill = validateSkillLabel(fieldValue(view, REQUEST_BLOCKS.skill));
      const kr = fieldValue(view, REQUEST_BLOCKS.about).replace(/^kr:/, '');
      let about: FeedbackAbout | null = null;
      if (kr && skill) {
        throw new DomainError(
          'feedback_question_invalid',
          'Pick a key result or name a skill, not both.',
          REQUEST_BLOCKS.skill,
        );
      }
      if (kr) {
        const found = (await keyResultOptions(edge, { teamId, userId, tz })).find((o) => o.id === kr);
        if (!found) {
          throw new DomainError(
            'feedback_question_invalid',
            'That key result is gone; pick another.',
            'about',
          );
        }
        about = { kind: 'key_result', id: found.id, label: found.label };
      } else if (skill) {
        about = { kind: 'skill', id: null, label: skill };
      }
      return edge.requests.ask({
        teamId,
        requesterId: userId,
        people,
        question: fieldValue(view, REQUEST_BLOCKS.question),
        about,
        anonymous: isChecked(view, REQUEST_BLOCKS.anonymous, 'anonymous'),
        dueDate: fieldValue(view, REQUEST_BLOCKS.due),
      });
    },
    after: ({ args, teamId, userId }) => edge.home.refresh(args.client, teamId, userId),
  });
}

/**
 * An answer. Afterwards the requester's App Home shows it. For an anonymous request nothing else
 * happens at that moment — not even the author's own App Home is republished — so no call to
 * Slack and no log line ties the author to the answer; their Home catches up when next opened.
 */
export function answerSubmitted(edge: FeedbackEdge) {
  return formSubmission(edge, {
    fallbackBlock: ANSWER_BLOCKS.answer,
    save: ({ args: { view }, teamId, userId }) =>
      edge.requests.answer({
        teamId,
        userId,
        askId: askIdOf(view),
        fields: {
          answer: fieldValue(view, ANSWER_BLOCKS.answer),
          improve: fieldValue(view, ANSWER_BLOCKS.improve),
          rating: fieldValue(view, ANSWER_BLOCKS.rating),
        },
      }),
    async after({ args, teamId, userId }, { request }) {
      await edge.home.refresh(args.client, teamId, request.userId);
      if (!request.anonymous) await edge.home.refresh(args.client, teamId, userId);
    },
  });
}

/** A decline, with its optional reason. */
export function declineSubmitted(edge: FeedbackEdge) {
  return formSubmission(edge, {
    fallbackBlock: ANSWER_BLOCKS.reason,
    async save({ args: { view }, teamId, userId }) {
      await edge.requests.decline({
        teamId,
        userId,
        askId: askIdOf(view),
        reason: fieldValue(view, ANSWER_BLOCKS.reason),
      });
      return true;
    },
    after: ({ args, teamId, userId }) => edge.home.refresh(args.client, teamId, userId),
  });
}
