import type { KnownBlock, ModalView } from '@slack/types';
import { type LadderLevel, levelIndex, TRACK_LABELS, TRACKS } from '../../../../domain/plans/ladder.ts';
import { NORTH_STAR_LIMITS, type NorthStar } from '../../../../domain/plans/north-star.ts';
import { context, cut, modal, option, plain, selectInput, textInput } from '../../../kit/blocks.ts';
import { inputAction, PLAN_VIEWS } from '../ids.ts';

/** Block ids of the north-star form: the field names of NorthStarInput. */
export const GOAL_BLOCKS = {
  track: 'track',
  destination: 'destination',
  horizonYears: 'horizonYears',
  currentLevel: 'currentLevel',
  targetLevel: 'targetLevel',
} as const;

function levelOptions(ladder: readonly LadderLevel[]) {
  return ladder.map((level) => option(`${level.code} — ${level.title}`, level.code, cut(level.summary, 75)));
}

/** The north-star form; an existing north star pre-fills every field. */
export function goalModal(ladder: readonly LadderLevel[], current: NorthStar | null): ModalView {
  const horizon: KnownBlock = {
    type: 'input',
    block_id: GOAL_BLOCKS.horizonYears,
    label: plain('Horizon (years)', 2000),
    hint: plain(
      `A whole number from ${NORTH_STAR_LIMITS.minHorizon} to ${NORTH_STAR_LIMITS.maxHorizon}.`,
      2000,
    ),
    element: {
      type: 'number_input',
      action_id: inputAction(GOAL_BLOCKS.horizonYears),
      is_decimal_allowed: false,
      min_value: String(NORTH_STAR_LIMITS.minHorizon),
      max_value: String(NORTH_STAR_LIMITS.maxHorizon),
      initial_value: String(current?.horizonYears ?? 3),
    },
  };
  const blocks: KnownBlock[] = [
    context(
      'Your north star is where you want to be in a few years. Milestones and quarterly OKRs then break it into steps.',
    ),
    selectInput(
      GOAL_BLOCKS.track,
      'Track',
      TRACKS.map((t) => option(TRACK_LABELS[t], t)),
      { initial: current?.track ?? null },
    ),
    textInput(GOAL_BLOCKS.destination, 'Destination', {
      initial: current?.destination ?? null,
      maxLength: NORTH_STAR_LIMITS.maxDestination,
      multiline: true,
      placeholder: 'e.g. Lead the architecture of our payments platform',
    }),
    horizon,
    selectInput(GOAL_BLOCKS.currentLevel, 'Current level', levelOptions(ladder), {
      initial: current?.currentLevel ?? null,
    }),
    selectInput(GOAL_BLOCKS.targetLevel, 'Target level', levelOptions(ladder), {
      initial: current?.targetLevel ?? null,
      hint: 'From the team’s career ladder (`/careerplan ladder` shows what each level means).',
    }),
  ];
  return modal({
    callbackId: PLAN_VIEWS.goal,
    title: current ? 'Edit your north star' : 'Your north star',
    submit: 'Save',
    blocks,
  });
}

/** `L4 (Software Engineer II)` when the code is on the ladder, else the code as stored. */
export function levelLabel(ladder: readonly LadderLevel[], code: string): string {
  const level = ladder[levelIndex(ladder, code)];
  return level ? `${level.code} (${level.title})` : code;
}
