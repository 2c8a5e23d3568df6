import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import {
  canTransitionMilestone,
  DEFAULT_LADDER,
  isOverdue,
  type LadderLevel,
  MILESTONE_STATUSES,
  type Milestone,
  type NorthStarInput,
  nextMilestones,
  transitionMilestone,
  validateLadder,
  validateNewMilestone,
  validateNorthStar,
} from '../../../src/domain/plans/index.ts';
import { CAREER_QUICK_START, quickStartStatus } from '../../../src/domain/quick-start/quick-start.ts';

function domainError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('ladder', () => {
  it('ships a valid default ladder L3-L6', () => {
    expect(DEFAULT_LADDER.map((l) => l.code)).toEqual(['L3', 'L4', 'L5', 'L6']);
    expect(validateLadder(DEFAULT_LADDER)).toEqual(DEFAULT_LADDER);
  });

  const level = (code: string, summary = 'Does things.'): LadderLevel => ({
    code,
    title: `Level ${code}`,
    summary,
  });

  it('trims and accepts codes like IC-3', () => {
    expect(validateLadder([{ code: ' IC-3 ', title: ' Engineer ', summary: ' s ' }])).toEqual([
      { code: 'IC-3', title: 'Engineer', summary: 's' },
    ]);
  });

  it.each([
    [[], /at least one/],
    [Array.from({ length: 13 }, (_, i) => level(`L${i}`)), /at most 12/],
    [[level('L3'), level('L3')], /used twice/],
    [[level('l3')], /capital letters/],
    [[level('-L3')], /capital letters/],
    [[level('ABCDEFGHIJK')], /capital letters/],
    [[level('L3', 'x'.repeat(301))], /301 characters/],
    [[{ code: 'L3', title: '', summary: '' }], /title/],
  ])('rejects bad ladders (%#)', (levels, message) => {
    const err = domainError(() => validateLadder(levels));
    expect(err.code).toBe('ladder_invalid');
    expect(err.message).toMatch(message);
  });
});

describe('validateNorthStar', () => {
  const good: NorthStarInput = {
    track: 'staff',
    destination: 'Lead the architecture of our payments platform',
    horizonYears: '3',
    currentLevel: 'l4',
    targetLevel: 'L6',
  };

  it('accepts a good north star, normalising level codes', () => {
    expect(validateNorthStar(good, DEFAULT_LADDER)).toEqual({
      track: 'staff',
      destination: 'Lead the architecture of our payments platform',
      horizonYears: 3,
      currentLevel: 'L4',
      targetLevel: 'L6',
    });
    expect(validateNorthStar({ ...good, targetLevel: 'L4' }, DEFAULT_LADDER).targetLevel).toBe('L4');
  });

  it.each<[Partial<NorthStarInput>, string]>([
    [{ track: 'astronaut' }, 'track'],
    [{ destination: '   ' }, 'destination'],
    [{ destination: 'x'.repeat(501) }, 'destination'],
    [{ horizonYears: '1' }, 'horizonYears'],
    [{ horizonYears: '6' }, 'horizonYears'],
    [{ horizonYears: '2.5' }, 'horizonYears'],
    [{ horizonYears: 'three' }, 'horizonYears'],
    [{ horizonYears: '' }, 'horizonYears'],
    [{ currentLevel: 'L9' }, 'currentLevel'],
    [{ targetLevel: '' }, 'targetLevel'],
    [{ currentLevel: 'L5', targetLevel: 'L3' }, 'targetLevel'],
  ])('rejects %j on field %s', (patch, field) => {
    const err = domainError(() => validateNorthStar({ ...good, ...patch }, DEFAULT_LADDER));
    expect(err.code).toBe('north_star_invalid');
    expect(err.field).toBe(field);
  });

  it('explains an unknown level with the ladder’s codes', () => {
    const err = domainError(() => validateNorthStar({ ...good, currentLevel: 'L9' }, DEFAULT_LADDER));
    expect(err.message).toContain('L3, L4, L5, L6');
  });
});

describe('milestones', () => {
  const today = '2026-05-10';
  const good = { kind: 'delivery', title: 'Ship the billing revamp', dueDate: '2026-09-30', evidenceUrl: '' };

  it('accepts a good milestone, evidence optional', () => {
    expect(validateNewMilestone(good, today)).toEqual({ ...good, evidenceUrl: null });
    expect(validateNewMilestone({ ...good, dueDate: today }, today).dueDate).toBe(today);
    expect(validateNewMilestone({ ...good, dueDate: '2027-11-10' }, today).dueDate).toBe('2027-11-10');
    expect(
      validateNewMilestone({ ...good, evidenceUrl: ' https://github.com/acme/pr/1 ' }, today).evidenceUrl,
    ).toBe('https://github.com/acme/pr/1');
  });

  it.each<[Partial<typeof good>, string]>([
    [{ kind: 'fame' }, 'kind'],
    [{ title: '' }, 'title'],
    [{ title: 'x'.repeat(151) }, 'title'],
    [{ dueDate: '30/09/2026' }, 'dueDate'],
    [{ dueDate: '2026-02-30' }, 'dueDate'],
    [{ dueDate: '2026-05-09' }, 'dueDate'],
    [{ dueDate: '2027-11-11' }, 'dueDate'],
    [{ evidenceUrl: 'javascript:alert(1)' }, 'evidenceUrl'],
    [{ evidenceUrl: 'github.com/acme' }, 'evidenceUrl'],
    [{ evidenceUrl: `https://example.com/${'a'.repeat(500)}` }, 'evidenceUrl'],
  ])('rejects %j on field %s', (patch, field) => {
    const err = domainError(() => validateNewMilestone({ ...good, ...patch }, today));
    expect(err.code).toBe('milestone_invalid');
    expect(err.field).toBe(field);
  });

  it('uses the member’s local today, not the server’s', () => {
    // Already 11 May in Auckland while it is still 10 May in UTC.
    expect(
      domainError(() => validateNewMilestone({ ...good, dueDate: '2026-05-10' }, '2026-05-11')).field,
    ).toBe('dueDate');
  });

  it('allows sensible status transitions only', () => {
    expect(transitionMilestone('planned', 'in_progress')).toBe('in_progress');
    expect(transitionMilestone('in_progress', 'done')).toBe('done');
    expect(transitionMilestone('done', 'in_progress')).toBe('in_progress');
    expect(transitionMilestone('dropped', 'planned')).toBe('planned');
    expect(domainError(() => transitionMilestone('done', 'dropped')).code).toBe(
      'milestone_transition_invalid',
    );
    expect(domainError(() => transitionMilestone('done', 'done')).message).toMatch(/already done/);
    for (const s of MILESTONE_STATUSES) expect(canTransitionMilestone(s, s)).toBe(false);
  });

  it('lists the next open milestones by due date', () => {
    const m = (id: string, dueDate: string, status: Milestone['status'] = 'planned'): Milestone => ({
      id,
      kind: 'mastery',
      title: `M${id}`,
      dueDate,
      status,
      evidenceUrl: null,
    });
    const all = [
      m('a', '2026-12-01'),
      m('b', '2026-06-01', 'done'),
      m('c', '2026-07-01', 'in_progress'),
      m('d', '2026-04-01'),
      m('e', '2026-08-01', 'dropped'),
      m('f', '2026-09-01'),
    ];
    expect(nextMilestones(all).map((x) => x.id)).toEqual(['d', 'c', 'f']);
    expect(nextMilestones(all, 10).map((x) => x.id)).toEqual(['d', 'c', 'f', 'a']);
    expect(all[0]?.id).toBe('a');
    expect(isOverdue(m('d', '2026-04-01'), today)).toBe(true);
    expect(isOverdue(m('b', '2026-04-01', 'done'), today)).toBe(false);
  });
});

describe('quickStartStatus', () => {
  it('lists the seven quick-start items in order and ticks them from activity kinds', () => {
    const empty = quickStartStatus(CAREER_QUICK_START, new Set());
    expect(empty.total).toBe(7);
    expect(empty.doneCount).toBe(0);
    expect(empty.complete).toBe(false);
    expect(empty.items.map((i) => i.id)).toEqual([
      'north_star',
      'skills',
      'sprint',
      'public_artifact',
      'mentoring',
      'e2e_feature',
      'feedback_conversation',
    ]);
    const some = quickStartStatus(
      CAREER_QUICK_START,
      new Set(['north_star.set', 'artifact.mentoring_note'] as const),
    );
    expect(some.doneCount).toBe(2);
    expect(some.items.filter((i) => i.done).map((i) => i.id)).toEqual(['north_star', 'mentoring']);
    const every = new Set(CAREER_QUICK_START.flatMap((i) => i.ticksOn));
    expect(quickStartStatus(CAREER_QUICK_START, every)).toMatchObject({ doneCount: 7, complete: true });
  });

  it('orders items from several features by their order, and an empty list is never complete', () => {
    const extra = {
      id: 'x',
      label: 'X',
      hint: '',
      command: '/careerplan x',
      order: 15,
      ticksOn: ['x.done' as const],
    };
    const status = quickStartStatus([...CAREER_QUICK_START, extra], new Set(['x.done'] as const));
    expect(status.items.map((i) => i.id).slice(0, 3)).toEqual(['north_star', 'x', 'skills']);
    expect(status.doneCount).toBe(1);
    expect(quickStartStatus([], new Set()).complete).toBe(false);
  });
});
