import type { KnownBlock, ModalView } from '@slack/types';
import { changeLabel, changeOf, type SkillHistory } from '../../../../domain/skills/assessment.ts';
import type { Skill } from '../../../../domain/skills/catalog.ts';
import { context, md, modal, plain, section } from '../../../kit/blocks.ts';
import { outboxValue, SKILL_ACTIONS, SKILL_VIEWS } from '../ids.ts';
import { confirmLowerBlock, scaleLine, skillInputs } from './assessment-modal.ts';

/** A notification's plain text: no emoji codes or bold markers on a phone's lock screen. */
function notificationText(mrkdwn: string): string {
  return mrkdwn
    .replace(/:[a-z0-9_+-]+:/gi, '')
    .replace(/[*_~]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What changed at the last assessment of each asked skill (`↑1 since …`, `new`). */
export function lastChangeLines(skills: readonly Skill[], history: Map<string, SkillHistory>): string {
  return skills
    .map((s) => {
      const h = history.get(s.id);
      if (!h) return md`• *${s.name}*: not rated yet`;
      const change = changeLabel(changeOf(h.latest.level, h.previous?.level));
      return md`• *${s.name}*: ${String(h.latest.level)} → target ${String(h.latest.target)} (${change} last time)`;
    })
    .join('\n');
}

/** The check-in DM: what it asks about, what changed last time, and its buttons. */
export function checkinMessage(args: {
  skills: readonly Skill[];
  history: Map<string, SkillHistory>;
  fromSprint: boolean;
  rowId: string;
  round: number;
}): { text: string; blocks: KnownBlock[] } {
  const value = outboxValue(args.rowId, args.round);
  const ask = args.fromSprint
    ? ':dart: *Skill check-in.* How are your sprint’s focal skills coming along?'
    : ':dart: *Skill check-in.* Time for a fresh rating of your top gaps.';
  const button = (actionId: string, text: string, primary = false) => ({
    type: 'button' as const,
    action_id: actionId,
    text: plain(text),
    value,
    ...(primary ? { style: 'primary' as const } : {}),
  });
  return {
    text: notificationText(ask),
    blocks: [
      section(ask),
      section(`*What changed last time*\n${lastChangeLines(args.skills, args.history)}`),
      {
        type: 'actions',
        block_id: 'skills_checkin_actions',
        elements: [
          button(SKILL_ACTIONS.checkinOpen, 'Rate now', true),
          button(SKILL_ACTIONS.checkinSnoozeHour, 'Snooze 1 hour'),
          button(SKILL_ACTIONS.checkinSnoozeTomorrow, 'Tomorrow'),
          button(SKILL_ACTIONS.checkinSkip, 'Skip this time'),
        ],
      },
      context(
        'Pause all reminders with `/careerplan pause`; admins set how often this comes in `/careerplan skills admin`.',
      ),
    ],
  };
}

/** The short check-in form: only the asked skills. */
export function checkinModal(args: {
  skills: readonly Skill[];
  history: Map<string, SkillHistory>;
  rowId: string;
}): ModalView {
  return modal({
    callbackId: SKILL_VIEWS.checkin,
    title: 'Skill check-in',
    submit: 'Save',
    metadata: { rowId: args.rowId },
    blocks: [
      context(scaleLine()),
      ...args.skills.flatMap((s) => skillInputs(s, args.history.get(s.id))),
      confirmLowerBlock(),
    ],
  });
}

/** The retrospective DM at the end of a sprint. */
export function retroMessage(args: { startDate: string; rowId: string }): {
  text: string;
  blocks: KnownBlock[];
} {
  const ask = md`:checkered_flag: *Your 12-week learning sprint (from ${args.startDate}) is over.* What went well, and what would you change? Then start the next one.`;
  return {
    text: notificationText(ask),
    blocks: [
      section(ask),
      {
        type: 'actions',
        block_id: 'skills_retro_actions',
        elements: [
          {
            type: 'button',
            action_id: SKILL_ACTIONS.retroOpen,
            text: plain('Write my retrospective'),
            style: 'primary',
            value: args.rowId,
          },
          {
            type: 'button',
            action_id: SKILL_ACTIONS.retroNextSprint,
            text: plain('Start the next sprint'),
            value: args.rowId,
          },
        ],
      },
    ],
  };
}
