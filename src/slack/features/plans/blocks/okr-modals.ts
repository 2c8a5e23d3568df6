import type { KnownBlock, ModalView } from '@slack/types';
import { CHECK_IN_NOTE_MAX, type NewObjectiveInput } from '../../../../domain/plans/okr.service.ts';
import { keyResultSlotField } from '../../../../domain/plans/okr-form.ts';
import {
  describeKeyResult,
  EXTRA_KEY_RESULT_NOTE,
  type KeyResultInput,
  OKR_LIMITS,
  progressBar,
  progressOf,
  THIRD_OBJECTIVE_WARNING,
} from '../../../../domain/plans/okrs.ts';
import { formatQuarter, type Quarter } from '../../../../domain/plans/quarters.ts';
import type { KeyResultRecord, ObjectiveRecord } from '../../../../domain/plans/records.ts';
import {
  context,
  esc,
  line,
  modal,
  option,
  plain,
  section,
  selectInput,
  textInput,
} from '../../../kit/blocks.ts';
import { inputAction, OKR_BLOCKS, PLAN_VIEWS } from '../ids.ts';

/** Key-result slots in the add-objective form (the limit; 3 are recommended). */
export const KEY_RESULT_SLOTS = OKR_LIMITS.maxKeyResults;

/** Option value of the "add a third objective anyway" checkbox. */
export const CONFIRM_THIRD_VALUE = 'confirm';

const KIND_OPTIONS = [
  option('A metric (start → target)', 'metric'),
  option('A percentage (0-100%)', 'percent'),
];
const KIND_HINT = 'For a percentage, start, target and unit are not needed.';

function keyResultFields(
  field: (name: string) => string,
  label: (text: string) => string,
  values: Partial<KeyResultInput>,
  optional: boolean,
): KnownBlock[] {
  return [
    textInput(field('title'), label('Key result'), {
      initial: values.title ?? null,
      maxLength: OKR_LIMITS.maxTitle,
      optional,
      placeholder: 'e.g. Cut p95 checkout latency to 200 ms',
    }),
    selectInput(field('kind'), label('Measured as'), KIND_OPTIONS, {
      initial: values.kind || 'metric',
      optional,
      hint: KIND_HINT,
    }),
    textInput(field('start'), label('Start value'), {
      initial: values.start ?? null,
      maxLength: 20,
      optional: true,
    }),
    textInput(field('target'), label('Target value'), {
      initial: values.target ?? null,
      maxLength: 20,
      optional: true,
    }),
    textInput(field('unit'), label('Unit'), {
      initial: values.unit ?? null,
      maxLength: OKR_LIMITS.maxUnit,
      optional: true,
      placeholder: 'e.g. ms, tickets, %',
    }),
  ];
}

/**
 * The add-objective form: quarter, objective and {@link KEY_RESULT_SLOTS} key-result slots
 * (empty ones ignored). With `needsConfirmation` it also explains why two objectives are
 * recommended and asks for an explicit tick before a third is added.
 */
export function okrAddModal(args: {
  quarters: readonly Quarter[];
  values?: Partial<NewObjectiveInput>;
  needsConfirmation: boolean;
}): ModalView {
  const values = args.values ?? {};
  const quarterOptions = args.quarters.map((q, i) =>
    option(i === 0 ? `${formatQuarter(q)} (this quarter)` : formatQuarter(q), formatQuarter(q)),
  );
  const blocks: KnownBlock[] = [];
  if (args.needsConfirmation) {
    blocks.push(section(`:warning: ${THIRD_OBJECTIVE_WARNING}`), {
      type: 'input',
      block_id: OKR_BLOCKS.confirmThird,
      optional: true,
      label: plain('Third objective', 2000),
      element: {
        type: 'checkboxes',
        action_id: inputAction(OKR_BLOCKS.confirmThird),
        options: [
          {
            text: plain('Yes, add a third objective anyway'),
            value: CONFIRM_THIRD_VALUE,
            description: plain('I have read why two objectives are recommended.'),
          },
        ],
        ...(values.confirmedThird
          ? {
              initial_options: [
                {
                  text: plain('Yes, add a third objective anyway'),
                  value: CONFIRM_THIRD_VALUE,
                  description: plain('I have read why two objectives are recommended.'),
                },
              ],
            }
          : {}),
      },
    });
  }
  blocks.push(
    selectInput(OKR_BLOCKS.quarter, 'Quarter', quarterOptions, {
      initial: values.quarter || quarterOptions[0]?.value || null,
    }),
    textInput(OKR_BLOCKS.objective, 'Objective', {
      initial: values.title ?? null,
      maxLength: OKR_LIMITS.maxTitle,
      placeholder: 'e.g. Make checkout fast and boring',
      hint: 'What you want to achieve this quarter, in words that inspire you. Two objectives per quarter are plenty.',
    }),
  );
  for (let slot = 0; slot < KEY_RESULT_SLOTS; slot++) {
    const recommended = slot < OKR_LIMITS.recommendedKeyResults;
    blocks.push(
      section(
        `*Key result ${slot + 1}*${recommended ? '' : ' _(optional: 3 are usually enough)_'}${slot === 0 ? ' · how you will know the objective is met' : ''}`,
      ),
      ...keyResultFields(
        (name) => keyResultSlotField(slot, name),
        (text) => `KR ${slot + 1}: ${text}`,
        values.keyResults?.[slot] ?? {},
        slot > 0,
      ),
    );
  }
  return modal({ callbackId: PLAN_VIEWS.okrAdd, title: 'Add an objective', submit: 'Add', blocks });
}

/** The form to add one key result to an existing objective. */
export function keyResultAddModal(objective: ObjectiveRecord): ModalView {
  const count = objective.keyResults.length;
  const blocks: KnownBlock[] = [
    context(`Objective: *${line(objective.title)}* · ${count} key result${count === 1 ? '' : 's'} so far`),
  ];
  if (count >= OKR_LIMITS.recommendedKeyResults) blocks.push(context(`:bulb: ${EXTRA_KEY_RESULT_NOTE}`));
  blocks.push(
    ...keyResultFields(
      (name) => name,
      (text) => text,
      {},
      false,
    ),
  );
  return modal({
    callbackId: PLAN_VIEWS.keyResultAdd,
    title: 'Add a key result',
    submit: 'Add',
    blocks,
    metadata: { objectiveId: objective.id },
  });
}

/** Rename an objective. */
export function objectiveEditModal(objective: ObjectiveRecord): ModalView {
  return modal({
    callbackId: PLAN_VIEWS.objectiveEdit,
    title: 'Edit objective',
    submit: 'Save',
    metadata: { objectiveId: objective.id },
    blocks: [
      textInput(OKR_BLOCKS.objective, 'Objective', {
        initial: objective.title,
        maxLength: OKR_LIMITS.maxTitle,
      }),
    ],
  });
}

/** Edit a key result's title (and for metrics start, target and unit); progress stays. */
export function keyResultEditModal(kr: KeyResultRecord): ModalView {
  const blocks: KnownBlock[] = [
    textInput('title', 'Key result', { initial: kr.title, maxLength: OKR_LIMITS.maxTitle }),
  ];
  if (kr.kind === 'metric') {
    blocks.push(
      textInput('start', 'Start value', { initial: String(kr.start), maxLength: 20 }),
      textInput('target', 'Target value', { initial: String(kr.target), maxLength: 20 }),
      textInput('unit', 'Unit', { initial: kr.unit, maxLength: OKR_LIMITS.maxUnit, optional: true }),
    );
  }
  blocks.push(context(`Now: ${esc(describeKeyResult(kr))}. Record progress with a check-in.`));
  return modal({
    callbackId: PLAN_VIEWS.keyResultEdit,
    title: 'Edit key result',
    submit: 'Save',
    metadata: { keyResultId: kr.id },
    blocks,
  });
}

/** Record a check-in: the new value and an optional note. */
export function checkInModal(kr: KeyResultRecord): ModalView {
  const hint =
    kr.kind === 'percent'
      ? 'Progress from 0 to 100.'
      : `The metric's value now${kr.unit ? ` (in ${kr.unit})` : ''}: it started at ${kr.start}, the target is ${kr.target}.`;
  return modal({
    callbackId: PLAN_VIEWS.checkIn,
    title: 'Check in',
    submit: 'Save',
    metadata: { keyResultId: kr.id },
    blocks: [
      section(`*${line(kr.title)}*\n\`${progressBar(progressOf(kr))}\` · ${esc(describeKeyResult(kr))}`),
      textInput('value', 'New value', {
        maxLength: 20,
        hint,
        placeholder: kr.kind === 'percent' ? 'e.g. 60' : '',
      }),
      textInput('note', 'Note', {
        maxLength: CHECK_IN_NOTE_MAX,
        multiline: true,
        optional: true,
        placeholder: 'What moved it, what is blocking it',
      }),
    ],
  });
}
