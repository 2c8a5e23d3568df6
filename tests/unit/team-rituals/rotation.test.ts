import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  pickPresenter,
  projectRotation,
  type RotationMember,
  rotationOrder,
} from '../../../src/domain/design-review/rotation.ts';

const joined = (day: number) => new Date(Date.UTC(2026, 0, day));
const member = (userId: string, joinDay: number, lastPresentedOn: string | null = null): RotationMember => ({
  userId,
  joinedAt: joined(joinDay),
  lastPresentedOn,
});

describe('design-review rotation', () => {
  it('whoever presented least recently goes first; never presented counts as least recent', () => {
    const order = rotationOrder([
      member('U_ANA', 1, '2026-03-04'),
      member('U_BEN', 2, '2026-02-18'),
      member('U_CAT', 3, null),
      member('U_DAN', 4, '2026-03-18'),
    ]);
    expect(order.map((m) => m.userId)).toEqual(['U_CAT', 'U_BEN', 'U_ANA', 'U_DAN']);
  });

  it('ties are broken by join date, then by id, whatever order they are listed in', () => {
    const members = [member('U_LATE', 9), member('U_EARLY', 2), member('U_B', 5), member('U_A', 5)];
    expect(rotationOrder(members).map((m) => m.userId)).toEqual(['U_EARLY', 'U_A', 'U_B', 'U_LATE']);
    expect(rotationOrder([...members].reverse()).map((m) => m.userId)).toEqual([
      'U_EARLY',
      'U_A',
      'U_B',
      'U_LATE',
    ]);
  });

  it('skips members away (out of office or paused) that day, and the one excluded from a swap', () => {
    const members = [member('U_A', 1), member('U_B', 2), member('U_C', 3)];
    expect(pickPresenter(members, (u) => u !== 'U_A')).toBe('U_B');
    expect(pickPresenter(members, () => true, new Set(['U_A']))).toBe('U_B');
    expect(pickPresenter(members, () => false)).toBeUndefined();
    expect(pickPresenter([], () => true)).toBeUndefined();
  });

  it('projects future sessions in turn, keeping assigned ones and a skipped member’s place', () => {
    const members = [member('U_A', 1), member('U_B', 2), member('U_C', 3)];
    const projected = projectRotation(
      members,
      [
        { date: '2026-01-07' },
        { date: '2026-01-21', presenter: 'U_C' },
        { date: '2026-02-04' },
        { date: '2026-02-18' },
      ],
      // B is away on the first date only: A presents, then (C assigned), B, then A again.
      (userId, date) => !(userId === 'U_B' && date === '2026-01-07'),
    );
    expect(projected).toEqual([
      { date: '2026-01-07', presenter: 'U_A', assigned: false },
      { date: '2026-01-21', presenter: 'U_C', assigned: true },
      { date: '2026-02-04', presenter: 'U_B', assigned: false },
      { date: '2026-02-18', presenter: 'U_A', assigned: false },
    ]);
  });

  it('is fair: over n sessions with everyone available, each of n members presents exactly once', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }), { minLength: 12, maxLength: 12 }),
        (joinDays, history) => {
          const members = joinDays.map((day, i) =>
            member(
              `U${String(i).padStart(2, '0')}`,
              day,
              history[i] === null || history[i] === undefined
                ? null
                : `2025-12-${String(1 + (history[i] ?? 0)).padStart(2, '0')}`,
            ),
          );
          const dates = members.map(
            (_, i) => `2026-${String(1 + Math.floor(i / 2)).padStart(2, '0')}-${i % 2 ? '20' : '06'}`,
          );
          const presenters = projectRotation(
            members,
            dates.map((date) => ({ date })),
            () => true,
          ).map((s) => s.presenter);
          expect(new Set(presenters).size).toBe(members.length);
          // …and the first is who had waited longest (never presented first, then earliest join).
          expect(presenters[0]).toBe(rotationOrder(members)[0]?.userId);
        },
      ),
    );
  });

  it('nobody presents twice before everyone available has presented once', () => {
    const members = [member('U_A', 1, '2026-01-01'), member('U_B', 2), member('U_C', 3)];
    const dates = ['2026-02-04', '2026-02-18', '2026-03-04', '2026-03-18', '2026-04-01', '2026-04-15'];
    const presenters = projectRotation(
      members,
      dates.map((date) => ({ date })),
      () => true,
    ).map((s) => s.presenter);
    expect(presenters).toEqual(['U_B', 'U_C', 'U_A', 'U_B', 'U_C', 'U_A']);
  });
});
