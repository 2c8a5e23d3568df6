import type { KnownBlock } from '@slack/types';
import { type Board, type BoardLine, signedChange } from '../../../../domain/leaderboard/board.ts';
import { describePeriod } from '../../../../domain/leaderboard/periods.ts';
import type { Streak } from '../../../../domain/leaderboard/streaks.ts';
import type { RenderedMessage } from '../../../../slack-api/outbox-messages.ts';
import { context, header, md, raw, section } from '../../../kit/blocks.ts';
import { habitName } from './habits.ts';

/**
 * The leaderboard as Block Kit: the same board for the weekly and monthly posts and for
 * `/careerplan leaderboard`. Names are written out (escaped), never mentioned: no `<@…>`, no
 * `<!channel>` — a board must not notify anyone.
 */

const SPAN_WORD = { week: 'week', month: 'month', quarter: 'quarter' } as const;

function streakText(streak: Streak): string {
  if (streak.current === 0) return streak.longest > 0 ? ` · best streak ${streak.longest}` : '';
  const best = streak.longest > streak.current ? `, best ${streak.longest}` : '';
  return ` · :fire: ${streak.current}-week streak${best}`;
}

function topLine(line: BoardLine): string {
  const medal = ['', ':first_place_medal:', ':second_place_medal:', ':third_place_medal:'][line.rank] ?? '';
  return md`${raw(medal ? `${medal} ` : `${line.rank}. `)}*${line.name}* — ${line.points} pts${raw(streakText(line.streak))}`;
}

function totalLine(board: Board): string {
  const before = board.inProgress
    ? `last ${SPAN_WORD[board.period.span]}: ${board.previousTotal}`
    : `${signedChange(board.total, board.previousTotal)} on the ${SPAN_WORD[board.period.span]} before`;
  const people = board.scorers === 1 ? '1 member' : `${board.scorers} members`;
  return md`:bar_chart: Team total: *${board.total} points* from ${people} (${before})`;
}

function keptLine(board: Board): string | undefined {
  const unnamed = board.totalsOnly ? board.kept.length + board.keptUnnamed : board.keptUnnamed;
  const names = board.totalsOnly ? [] : board.kept;
  if (names.length === 0 && unnamed === 0) return undefined;
  const parts = [...names];
  if (unnamed > 0) parts.push(names.length ? `${unnamed} more` : `${unnamed} of you`);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? '');
  return md`:raised_hands: Thank you for keeping your learning-summary streak going: ${list}.`;
}

function title(board: Board): string {
  const when = describePeriod(board.period);
  if (board.inProgress) return `Leaderboard · this ${SPAN_WORD[board.period.span]} so far (${when})`;
  return `Leaderboard · ${board.period.span === 'week' ? `week of ${when}` : when}`;
}

/** The board's own blocks: title, top ranks (unless totals only), total, streak thanks. */
export function boardBlocks(board: Board): KnownBlock[] {
  const blocks: KnownBlock[] = [header(`:trophy: ${title(board)}`)];
  if (!board.totalsOnly) {
    blocks.push(
      section(
        board.top.length
          ? board.top.map(topLine).join('\n')
          : '_No points yet. Post a learning summary, give feedback or move a key result to get on the board._',
      ),
    );
  }
  blocks.push(section(totalLine(board)));
  const kept = keptLine(board);
  if (kept) blocks.push(section(kept));
  return blocks;
}

/** The weekly or monthly post (its chart, if any, already uploaded: `chartFileId`). */
export function boardPost(board: Board, chartFileId?: string): RenderedMessage {
  const blocks = boardBlocks(board);
  if (chartFileId) {
    blocks.push({
      type: 'image',
      slack_file: { id: chartFileId },
      alt_text: board.totalsOnly ? 'Team points per week' : 'Points of the top members',
    });
  }
  blocks.push(
    context(
      'Points reward steady habits, with a weekly cap per habit. `/careerplan leaderboard` shows your own rank; `/careerplan leaderboard optout` keeps your name off.',
    ),
  );
  return { text: `${title(board)}: team total ${board.total} points`, blocks };
}

function viewerLines(board: Board): string[] {
  const viewer = board.viewer;
  if (!viewer) return [];
  const of = board.ranked === 1 ? '1 ranked member' : `${board.ranked} ranked members`;
  const where = viewer.optedOut
    ? "You've opted out, so you're not ranked (your points still count in the team total). `/careerplan leaderboard optin` puts your name back."
    : viewer.rank !== undefined && !board.totalsOnly
      ? md`You're *#${viewer.rank}* of ${of}.`
      : viewer.points === 0
        ? 'No points yet in this period.'
        : '';
  const lines = [md`*You:* ${viewer.points} pts${raw(streakText(viewer.streak))}. ${raw(where)}`.trim()];
  for (const line of viewer.lines) {
    const capped = line.counted < line.events ? md` (${line.counted} counted: weekly cap)` : '';
    lines.push(md`• ${habitName(line.kind)}: ${line.events}${raw(capped)} → ${line.points} pts`);
  }
  return lines;
}

/** `/careerplan leaderboard [week|month|quarter]`, to the member alone. */
export function standingsReply(board: Board): RenderedMessage {
  const blocks = boardBlocks(board);
  const mine = viewerLines(board);
  if (mine.length) blocks.push({ type: 'divider' }, section(mine.join('\n')));
  blocks.push(context('Also: `/careerplan leaderboard month`, `quarter`, `optout`, `optin`.'));
  return { text: `${title(board)}: team total ${board.total} points`, blocks };
}
