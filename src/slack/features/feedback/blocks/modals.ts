import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { FeedbackRequest } from '../../../../domain/feedback/feedback.ts';
import { MAX_PEOPLE, QUESTION_MAX, SKILL_LABEL_MAX } from '../../../../domain/feedback/feedback.ts';
import { context, modal, option, plain, section, selectInput, textInput } from '../../../kit/blocks.ts';
import { ANSWER_BLOCKS, FEEDBACK_VIEWS, REQUEST_BLOCKS } from '../ids.ts';
import { askFooter, askIntro } from './messages.ts';

/** A key result the question can be about: `kr:<id>` in the select. */
export interface AboutOption {
  id: string;
  label: string;
}

/** The new-request form: people, question, what it is about, anonymity, due date. */
export function requestModal(input: { dueDate: string; keyResults: readonly AboutOption[] }): ModalView {
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: REQUEST_BLOCKS.people,
      label: plain('Who to ask'),
      hint: plain(`Up to ${MAX_PEOPLE} people you worked with.`, 2000),
      element: {
        type: 'multi_users_select',
        action_id: REQUEST_BLOCKS.people,
        max_selected_items: MAX_PEOPLE,
        placeholder: plain('Pick people', 150),
      },
    },
    textInput(REQUEST_BLOCKS.question, 'Your question', {
      multiline: true,
      maxLength: QUESTION_MAX,
      placeholder: 'How clear was the rollout plan in my design doc?',
      hint: 'One specific question about something you did gets the most useful answers.',
    }),
  ];
  if (input.keyResults.length > 0) {
    const options: PlainTextOption[] = input.keyResults
      .slice(0, 100)
      .map((kr) => option(kr.label, `kr:${kr.id}`));
    blocks.push(
      selectInput(REQUEST_BLOCKS.about, 'About one of your key results (optional)', options, {
        optional: true,
      }),
    );
  }
  blocks.push(
    textInput(REQUEST_BLOCKS.skill, 'Or about a skill (optional)', {
      optional: true,
      maxLength: SKILL_LABEL_MAX,
      placeholder: 'e.g. System design',
      hint: 'Answers about a skill can carry a 1-5 rating.',
    }),
    {
      type: 'input',
      block_id: REQUEST_BLOCKS.anonymous,
      optional: true,
      label: plain('Anonymity'),
      element: {
        type: 'checkboxes',
        action_id: REQUEST_BLOCKS.anonymous,
        options: [
          {
            text: plain('Answers are anonymous'),
            value: 'anonymous',
            description: plain('You see the answers, never who gave them (ask at least two people).', 150),
          },
        ],
      },
    },
    {
      type: 'input',
      block_id: REQUEST_BLOCKS.due,
      label: plain('Answers due by'),
      element: { type: 'datepicker', action_id: REQUEST_BLOCKS.due, initial_date: input.dueDate },
    },
  );
  return modal({ callbackId: FEEDBACK_VIEWS.request, title: 'Ask for feedback', submit: 'Ask', blocks });
}

const RATINGS: PlainTextOption[] = [
  option('1 — novice', '1'),
  option('2 — advanced beginner', '2'),
  option('3 — competent', '3'),
  option('4 — proficient', '4'),
  option('5 — expert', '5'),
];

/** The answer form: the question, then the answer (or what worked / to improve) and a rating. */
export function answerModal(request: FeedbackRequest, askId: string): ModalView {
  const blocks: KnownBlock[] = [section(askIntro(request)), context(askFooter(request))];
  if (request.origin === 'review') {
    blocks.push(
      textInput(ANSWER_BLOCKS.answer, 'What worked', { multiline: true, maxLength: 3000 }),
      textInput(ANSWER_BLOCKS.improve, 'One concrete thing to improve', { multiline: true, maxLength: 3000 }),
    );
  } else {
    blocks.push(textInput(ANSWER_BLOCKS.answer, 'Your answer', { multiline: true, maxLength: 3000 }));
    if (request.about?.kind === 'skill') {
      blocks.push(
        selectInput(ANSWER_BLOCKS.rating, 'Rating for this skill (optional)', RATINGS, { optional: true }),
      );
    }
  }
  return modal({
    callbackId: FEEDBACK_VIEWS.answer,
    title: 'Your feedback',
    submit: 'Send',
    blocks,
    metadata: { askId },
  });
}

/** The decline form: an optional reason. */
export function declineModal(request: FeedbackRequest, askId: string): ModalView {
  return modal({
    callbackId: FEEDBACK_VIEWS.decline,
    title: 'Decline',
    submit: 'Decline',
    blocks: [
      section(askIntro(request)),
      textInput(ANSWER_BLOCKS.reason, 'Reason (optional)', {
        optional: true,
        multiline: true,
        maxLength: 500,
        placeholder: 'e.g. I was not at that meeting',
      }),
    ],
    metadata: { askId },
  });
}
