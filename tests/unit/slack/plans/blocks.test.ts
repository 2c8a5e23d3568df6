import { describe, expect, it } from 'vitest';
import { DEFAULT_LADDER, type LadderLevel } from '../../../../src/domain/plans/ladder.ts';
import { numberKeyResults } from '../../../../src/domain/plans/records.ts';
import { CAREER_QUICK_START, quickStartStatus } from '../../../../src/domain/quick-start/quick-start.ts';
import { validateMessage, validateView } from '../../../../src/sandbox/slack/block-kit-limits.ts';
import { homeHeader, homeView, quickStartBlocks } from '../../../../src/slack/features/core/blocks/home.ts';
import { goalModal } from '../../../../src/slack/features/plans/blocks/goal.ts';
import { planHomeBlocks } from '../../../../src/slack/features/plans/blocks/home.ts';
import {
  ladderMessage,
  ladderModal,
  ladderRowCount,
} from '../../../../src/slack/features/plans/blocks/ladder.ts';
import {
  milestoneAddModal,
  milestoneListMessage,
} from '../../../../src/slack/features/plans/blocks/milestones.ts';
import { okrListMessage } from '../../../../src/slack/features/plans/blocks/okr-list.ts';
import {
  checkInModal,
  keyResultAddModal,
  keyResultEditModal,
  objectiveEditModal,
  okrAddModal,
} from '../../../../src/slack/features/plans/blocks/okr-modals.ts';
import { dashboard, keyResult, member, milestone, nasty, objective } from './fixtures.ts';

const twelveLevels: LadderLevel[] = Array.from({ length: 12 }, (_, i) => ({
  code: `IC-${i + 1}`,
  title: 'x'.repeat(80),
  summary: nasty(300),
}));

describe('north star and ladder blocks', () => {
  it('the goal modal is valid empty and pre-filled, and pre-fills only levels on the ladder', () => {
    expect(validateView(goalModal(DEFAULT_LADDER, null))).toEqual([]);
    const ns = {
      track: 'manager' as const,
      destination: nasty(500),
      horizonYears: 5,
      currentLevel: 'L4',
      targetLevel: 'L9',
    };
    const view = goalModal(twelveLevels.concat(DEFAULT_LADDER.slice(1, 2)), ns);
    expect(validateView(view)).toEqual([]);
    const text = JSON.stringify(view);
    expect(text).toContain('"initial_value":"5"');
    expect(text).toContain('"value":"manager"');
    // L9 is not on the ladder any more: no initial option rather than an invalid one.
    const target = view.blocks.find((b) => b.block_id === 'targetLevel');
    expect(JSON.stringify(target)).not.toContain('initial_option');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
  });

  it('the ladder modal and message stay valid for a 12-level ladder with long texts', () => {
    expect(ladderRowCount(4)).toBe(6);
    expect(ladderRowCount(11)).toBe(12);
    expect(validateView(ladderModal(twelveLevels))).toEqual([]);
    expect(validateView(ladderModal(DEFAULT_LADDER))).toEqual([]);
    const message = ladderMessage(twelveLevels, true);
    expect(validateMessage(message)).toEqual([]);
    expect(JSON.stringify(message)).toContain('&lt;b&gt;&amp;amp;');
    expect(JSON.stringify(ladderMessage(DEFAULT_LADDER, false))).not.toContain('plans_open_ladder');
  });
});

describe('milestone blocks', () => {
  it('the add form is valid with the suggested due date', () => {
    const view = milestoneAddModal('2026-11-14');
    expect(validateView(view)).toEqual([]);
    expect(JSON.stringify(view)).toContain('"initial_date":"2026-11-14"');
  });

  it('the list keeps 40 milestones within a message, open ones first, with escaped text and safe links', () => {
    const list = Array.from({ length: 40 }, (_, i) =>
      milestone(i + 1, (['planned', 'in_progress', 'done', 'dropped'] as const)[i % 4]),
    );
    const message = milestoneListMessage(list, '2026-08-14', ':white_check_mark: done');
    expect(validateMessage(message)).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('more not shown');
    expect(text).not.toContain('<b>');
    expect(text).toContain('q=a%7Cb%3Ec|evidence');
    expect(text).toContain(':warning: overdue');
  });

  it('an empty list invites to add one', () => {
    const message = milestoneListMessage([], '2026-08-14');
    expect(validateMessage(message)).toEqual([]);
    expect(JSON.stringify(message)).toContain('No milestones yet');
  });
});

describe('OKR blocks', () => {
  it('the add form is valid with and without the third-objective confirmation, and keeps typed values', () => {
    const quarters = [
      { year: 2026, q: 3 as const },
      { year: 2026, q: 4 as const },
    ];
    expect(validateView(okrAddModal({ quarters, needsConfirmation: false }))).toEqual([]);
    const confirm = okrAddModal({
      quarters,
      needsConfirmation: true,
      values: {
        quarter: '2026-Q4',
        title: nasty(150),
        confirmedThird: true,
        keyResults: [{ title: nasty(150), kind: 'percent', start: '', target: '', unit: '' }],
      },
    });
    expect(validateView(confirm)).toEqual([]);
    const text = JSON.stringify(confirm);
    expect(text).toContain('confirmThird');
    expect(text).toContain('We recommend at most 2');
    expect(text).toContain('"initial_options"');
    expect(confirm.blocks.length).toBeLessThanOrEqual(100);
  });

  it('the record forms are valid for metric and percent key results', () => {
    const o = objective(1, 3);
    expect(validateView(keyResultAddModal(o))).toEqual([]);
    expect(JSON.stringify(keyResultAddModal(o))).toContain('usually enough');
    expect(validateView(objectiveEditModal(o))).toEqual([]);
    for (const kr of [keyResult(1, 1), keyResult(2, 1)]) {
      expect(validateView(keyResultEditModal(kr))).toEqual([]);
      expect(validateView(checkInModal(kr))).toEqual([]);
    }
    expect(JSON.stringify(keyResultEditModal(keyResult(2, 1)))).not.toContain('"block_id":"start"');
  });

  it('the list numbers key results across objectives and stays within a message even with 30 objectives', () => {
    const objectives = Array.from({ length: 3 }, (_, i) => objective(i + 1));
    const message = okrListMessage({
      quarter: { year: 2026, q: 3 },
      isCurrent: true,
      objectives,
      numbered: numberKeyResults(objectives),
    });
    expect(validateMessage(message)).toEqual([]);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('*KR 15*');
    expect(text).toContain('▓▓▓▓▓░░░░░ 50%');
    const many = Array.from({ length: 30 }, (_, i) => objective(i + 1));
    const big = okrListMessage({
      quarter: { year: 2026, q: 3 },
      isCurrent: false,
      objectives: many,
      numbered: numberKeyResults(many),
    });
    expect(validateMessage(big)).toEqual([]);
    expect(JSON.stringify(big.blocks)).toContain('more objectives not shown');
  });
});

describe('App Home dashboard', () => {
  const now = new Date('2026-08-14T15:00:00Z');
  const home = (
    plan: ReturnType<typeof dashboard>,
    qs = quickStartStatus(CAREER_QUICK_START, new Set(['north_star.set', 'artifact.talk'] as const)),
  ) => homeView(homeHeader(member, 'America/New_York', now), [planHomeBlocks(plan), quickStartBlocks(qs)]);

  it('stays within 100 blocks and Slack limits with 30 objectives and 40 milestones', () => {
    const view = home(dashboard(30, 40));
    expect(validateView(view)).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = JSON.stringify(view);
    expect(text).toContain('…and 26 more objectives');
    expect(text).toContain('`/careerplan milestone` lists them all');
    expect(text).toContain('Quick start · 2/7 done');
    expect(text).toContain('home_show_help');
    expect(text).toContain('America/New_York');
  });

  it('shows empty states with buttons, and says when the zone is the team default', () => {
    const empty = { ...dashboard(0, 0), northStar: null };
    const view = home(empty);
    expect(validateView(view)).toEqual([]);
    const text = JSON.stringify(view);
    expect(text).toContain('No north star yet');
    expect(text).toContain('plans_open_goal:section');
    expect(text).toContain('No objectives this quarter yet');
    const noZone = homeView(homeHeader({ ...member, tz: null }, 'Europe/Berlin', now), []);
    expect(validateView(noZone)).toEqual([]);
    expect(JSON.stringify(noZone)).toContain('Europe/Berlin — the team’s default');
  });

  it('celebrates a complete quick start', () => {
    const every = new Set(CAREER_QUICK_START.flatMap((i) => i.ticksOn));
    expect(JSON.stringify(home(dashboard(1, 1), quickStartStatus(CAREER_QUICK_START, every)))).toContain(
      'Every quick-start step is done',
    );
  });

  it('leaves out a section that would pass 100 blocks, and says so', () => {
    const filler = Array.from({ length: 60 }, () => ({ type: 'divider' as const }));
    const view = homeView(homeHeader(member, 'UTC', now), [filler, filler]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(view)).toContain('1 more section did not fit');
  });
});
