import { describe, expect, it } from 'vitest';
import { boardName, rankBoard, signedChange, topLines } from '../../../src/domain/leaderboard/board.ts';
import { rankEntries } from '../../../src/domain/leaderboard/ranking.ts';

const row = (userId: string, displayName: string, points: number, optedOut = false) => ({
  userId,
  displayName,
  realName: '',
  points,
  optedOut,
});

describe('ranking', () => {
  it('ties share a rank and the next rank skips (1, 2, 2, 4)', () => {
    const ranked = rankEntries([
      { userId: 'U1', name: 'Dana', points: 5 },
      { userId: 'U2', name: 'Ann', points: 9 },
      { userId: 'U3', name: 'carl', points: 5 },
      { userId: 'U4', name: 'Bo', points: 2 },
    ]);
    expect(ranked.map((r) => [r.name, r.rank])).toEqual([
      ['Ann', 1],
      ['carl', 2],
      ['Dana', 2],
      ['Bo', 4],
    ]);
  });

  it('orders a tie the same whatever order the rows came in: by name, then user id', () => {
    const entries = [
      { userId: 'U9', name: 'Sam', points: 4 },
      { userId: 'U2', name: 'Sam', points: 4 },
      { userId: 'U5', name: 'alex', points: 4 },
    ];
    const forward = rankEntries(entries).map((r) => r.userId);
    const backward = rankEntries([...entries].reverse()).map((r) => r.userId);
    expect(forward).toEqual(['U5', 'U2', 'U9']);
    expect(backward).toEqual(forward);
    expect(rankEntries(entries).every((r) => r.rank === 1)).toBe(true);
  });

  it('leaves out members with no points and members who opted out', () => {
    const ranked = rankBoard([row('U1', 'Ann', 3), row('U2', 'Hidden', 50, true), row('U3', 'Zero', 0)]);
    expect(ranked).toEqual([{ userId: 'U1', name: 'Ann', points: 3, rank: 1 }]);
  });

  it('names the top ten ranks, longer only for a tie at the tenth', () => {
    const rows = Array.from({ length: 14 }, (_, i) =>
      row(`U${i}`, `P${String(i).padStart(2, '0')}`, 100 - i),
    );
    expect(topLines(rankBoard(rows))).toHaveLength(10);
    const tied = [...rows.slice(0, 9), row('UA', 'Tie A', 10), row('UB', 'Tie B', 10), row('UC', 'Last', 1)];
    expect(topLines(rankBoard(tied)).map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10]);
  });

  it('names people by display name, else real name, never by id or mention', () => {
    expect(boardName({ displayName: ' ', realName: 'Real Name' })).toBe('Real Name');
    expect(boardName({ displayName: '', realName: '' })).toBe('a teammate');
  });

  it('signs the change against the period before', () => {
    expect([signedChange(10, 4), signedChange(4, 10), signedChange(3, 3)]).toEqual(['+6', '−6', '±0']);
  });
});
