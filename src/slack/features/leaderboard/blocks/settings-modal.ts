import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { PointRules } from '../../../../domain/leaderboard/scoring.ts';
import type { LeaderboardSettings } from '../../../../domain/leaderboard/settings.ts';
import { formatTime } from '../../../../domain/schedules/index.ts';
import { context, header, modal, option, selectInput, textInput } from '../../../kit/blocks.ts';
import { LEADERBOARD_VIEWS, ruleFields, SETTINGS_BLOCKS, SWITCH_VALUES } from '../ids.ts';
import { habitName } from './habits.ts';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The kinds the modal lists, in a stable order (the rules in force, then by name). */
export function ruleKinds(rules: PointRules): string[] {
  return [...rules.keys()].sort((a, b) => habitName(a).localeCompare(habitName(b)));
}

/** Admins: posts on or off, totals only, the weekly post's day and time, points and caps. */
export function settingsModal(settings: LeaderboardSettings, rules: PointRules): ModalView {
  const switches: PlainTextOption[] = [
    option('Post the weekly and monthly leaderboard in the learning-hour channel', SWITCH_VALUES.posts),
    option('Team totals only: never name anyone in posts', SWITCH_VALUES.totalsOnly),
  ];
  const initial = switches.filter(
    (o) =>
      (o.value === SWITCH_VALUES.posts && settings.postsEnabled) ||
      (o.value === SWITCH_VALUES.totalsOnly && settings.totalsOnly),
  );
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: SETTINGS_BLOCKS.switches,
      optional: true,
      label: { type: 'plain_text', text: 'Posts' },
      element: {
        type: 'checkboxes',
        action_id: SETTINGS_BLOCKS.switches,
        options: switches,
        ...(initial.length ? { initial_options: initial } : {}),
      },
    },
    selectInput(
      SETTINGS_BLOCKS.weekday,
      'Weekly post on',
      DAYS.map((d, i) => option(d, String(i + 1))),
      {
        initial: String(settings.postWeekday),
        hint: 'It covers the week that ended before it (Monday to Sunday).',
      },
    ),
    textInput(SETTINGS_BLOCKS.time, 'At (team time, 24-hour clock)', {
      initial: formatTime(settings.postTime),
      maxLength: 5,
      placeholder: '09:00',
    }),
    header('Points per habit'),
    context(
      'Each habit earns its points per event, up to the number counted per week. 0 points stops it scoring.',
    ),
  ];
  for (const kind of ruleKinds(rules)) {
    const rule = rules.get(kind);
    const [points, cap] = ruleFields(kind);
    blocks.push(
      textInput(points, `${habitName(kind)}: points each`, {
        initial: String(rule?.points ?? 0),
        maxLength: 3,
      }),
      textInput(cap, `${habitName(kind)}: counted per week`, {
        initial: String(rule?.weeklyCap ?? 0),
        maxLength: 2,
      }),
    );
  }
  return modal({
    callbackId: LEADERBOARD_VIEWS.settings,
    title: 'Leaderboard',
    submit: 'Save',
    blocks,
    metadata: { kinds: ruleKinds(rules) },
  });
}
