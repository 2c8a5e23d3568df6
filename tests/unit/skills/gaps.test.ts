import { describe, expect, it } from 'vitest';
import { rankGaps } from '../../../src/domain/skills/gaps.ts';

const order = new Map([
  ['a', 0],
  ['b', 1],
  ['c', 2],
  ['d', 3],
  ['e', 4],
]);
const r = (skillId: string, level: number, target: number) => ({ skillId, level, target });

describe('gap ranking', () => {
  it('ranks by gap (target − current), largest first, and keeps the top 3', () => {
    const gaps = rankGaps([r('a', 3, 4), r('b', 1, 5), r('c', 2, 4), r('d', 2, 5)], order, new Set());
    expect(gaps.map((g) => [g.skillId, g.gap])).toEqual([
      ['b', 4],
      ['d', 3],
      ['c', 2],
    ]);
  });

  it('breaks ties by the sprint focus first, then by catalogue order', () => {
    const latest = [r('d', 2, 4), r('b', 1, 3), r('e', 3, 5), r('a', 4, 5)];
    expect(rankGaps(latest, order, new Set()).map((g) => g.skillId)).toEqual(['b', 'd', 'e']);
    const focused = rankGaps(latest, order, new Set(['e']));
    expect(focused.map((g) => g.skillId)).toEqual(['e', 'b', 'd']);
    expect(focused[0]?.inSprint).toBe(true);
    // The focus breaks ties only: a bigger gap outside the sprint still ranks first.
    expect(rankGaps([r('a', 1, 5), r('e', 3, 5)], order, new Set(['e'])).map((g) => g.skillId)).toEqual([
      'a',
      'e',
    ]);
  });

  it('never counts an unrated, met, exceeded or retired skill as a gap', () => {
    const gaps = rankGaps(
      [r('a', 4, 4), r('b', 5, 3), r('c', 2, 3), r('retired', 1, 5)],
      order,
      new Set(['retired']),
    );
    expect(gaps.map((g) => g.skillId)).toEqual(['c']);
    expect(rankGaps([], order, new Set())).toEqual([]);
  });
});
