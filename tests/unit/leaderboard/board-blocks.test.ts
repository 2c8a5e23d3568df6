import { describe, expect, it } from 'vitest';
import type { Board } from '../../../src/domain/leaderboard/board.ts';
import { periodOf } from '../../../src/domain/leaderboard/periods.ts';
import { validateMessage } from '../../../src/sandbox/slack/block-kit-limits.ts';
import { boardPost, standingsReply } from '../../../src/slack/features/leaderboard/blocks/board.ts';

const board = (over: Partial<Board> = {}): Board => ({
  period: periodOf('week', '2026-12-07'),
  inProgress: false,
  totalsOnly: false,
  total: 17,
  previousTotal: 20,
  scorers: 3,
  top: [
    { userId: 'U1', name: '<!channel> *Ann*', points: 9, rank: 1, streak: { current: 3, longest: 5 } },
    { userId: 'U2', name: 'Bo <@U2>', points: 5, rank: 2, streak: { current: 0, longest: 0 } },
  ],
  ranked: 2,
  kept: ['<!here> Ann'],
  keptUnnamed: 1,
  ...over,
});

describe('leaderboard messages', () => {
  it('names people escaped, never as a mention or a broadcast', () => {
    const post = JSON.stringify(boardPost(board(), 'F123'));
    expect(post).not.toMatch(/<@|<!/);
    expect(post).toContain('&lt;!channel&gt; *Ann*');
    expect(post).toContain('3-week streak, best 5');
    expect(post).toContain('−3 on the week before');
    expect(post).toContain('&lt;!here&gt; Ann and 1 more');
    expect(post).toContain('"slack_file":{"id":"F123"}');
    expect(validateMessage(boardPost(board(), 'F123'))).toEqual([]);
  });

  it('totals only: no name anywhere, streak keepers counted', () => {
    const post = JSON.stringify(boardPost(board({ totalsOnly: true })));
    expect(post).not.toContain('Ann');
    expect(post).not.toContain('Bo');
    expect(post).toContain('2 of you');
    expect(post).toContain('Team total: *17 points*');
  });

  it("shows the viewer's own rank and points by habit, even outside the top", () => {
    const reply = standingsReply(
      board({
        inProgress: true,
        ranked: 14,
        viewer: {
          userId: 'U9',
          rank: 12,
          points: 4,
          streak: { current: 1, longest: 1 },
          optedOut: false,
          lines: [{ kind: 'feedback.given', events: 5, counted: 3, points: 9 }],
        },
      }),
    );
    const text = JSON.stringify(reply);
    expect(text).toContain("You're *#12* of 14 ranked members");
    expect(text).toContain('Feedback given: 5 (3 counted: weekly cap) → 9 pts');
    expect(text).toContain('last week: 20');
    expect(validateMessage(reply)).toEqual([]);
  });
});
