import { DEFAULT_POINTS, type PointRule } from '../../../domain/activity/points.ts';
import type { Board } from '../../../domain/leaderboard/board.ts';
import {
  describePeriod,
  type Period,
  periodOf,
  type Span,
  weeksOf,
} from '../../../domain/leaderboard/periods.ts';
import { postsDue } from '../../../domain/leaderboard/settings.ts';
import { boardPost } from './blocks/board.ts';
import type { Bar } from './chart.ts';
import type { LeaderboardEdge } from './context.ts';
import { LEADERBOARD_POST_KIND } from './ids.ts';

/** Uploads a PNG privately (no channel) and answers the file's id, for an image block. */
export type ChartUploader = (
  teamId: string,
  file: { png: Buffer; filename: string; title: string },
) => Promise<string>;

/** How often the scheduler looks for posts due, and how far ahead it arms their jobs. */
export const TICK_EVERY_MS = 5 * 60_000;
/** A post found later than this (the system was down) is no longer worth sending. */
export const POST_LATENESS_MS = 24 * 3600_000;

/** The outbox key of a period's post: the same period is posted once, whoever asks twice. */
export function postKey(period: Period): string {
  return `leaderboard:${period.span}:${period.key}`;
}

export type PublishOutcome = 'enqueued' | 'already_posted' | 'no_channel' | 'posts_off' | 'nothing_scored';

/** The bars of the monthly chart: the top members, or the team's weeks when totals only. */
export function chartBars(board: Board, weekTotals: ReadonlyMap<string, number>): Bar[] {
  if (board.totalsOnly) {
    return weeksOf(board.period).map((w) => ({
      label: `week of ${w.slice(5)}`,
      value: weekTotals.get(w) ?? 0,
    }));
  }
  return board.top.map((line) => ({ label: line.name, value: line.points }));
}

/**
 * Posts one finished period's board in the learning-hour channel, exactly once: the outbox row's
 * key names the period, so a job that runs twice (a retry, two schedulers, a manual rerun) stores
 * one row and Slack gets one message. The monthly post carries a bar chart, uploaded first.
 */
export async function publishBoard(
  edge: LeaderboardEdge,
  deps: {
    renderChart(title: string, bars: readonly Bar[]): Buffer;
    weekTotals(teamId: string, period: Period): Promise<Map<string, number>>;
  },
  teamId: string,
  span: Exclude<Span, 'quarter'>,
  week: string,
): Promise<PublishOutcome> {
  const period = periodOf(span, week);
  const key = postKey(period);
  if (await edge.outbox.findByKey(teamId, key)) return 'already_posted';
  const channelId = await edge.repository.postingChannel(teamId);
  if (!channelId) return 'no_channel';
  if (!(await edge.leaderboard.settings(teamId)).postsEnabled) return 'posts_off';
  const board = await edge.leaderboard.finished(teamId, period);
  if (board.total === 0) return 'nothing_scored';
  let chartFileId: string | undefined;
  if (span === 'month') {
    const bars = chartBars(board, await deps.weekTotals(teamId, period));
    if (bars.length > 0) {
      const title = `Leaderboard · ${describePeriod(period)}`;
      chartFileId = await edge.uploadChart(teamId, {
        png: deps.renderChart(title, bars),
        filename: `leaderboard-${period.key}.png`,
        title,
      });
    }
  }
  const message = boardPost(board, chartFileId);
  await edge.outbox.enqueue([
    {
      teamId,
      key,
      kind: LEADERBOARD_POST_KIND,
      target: { type: 'channel', channelId },
      dueAt: edge.clock.now(),
      payload: { text: message.text, blocks: message.blocks },
    },
  ]);
  return 'enqueued';
}

/**
 * The scheduler's tick: keeps the stored default points in step with the code, then arms a
 * `post` job at the exact time of every post due within the next tick, for every team with a
 * learning-hour channel. Job ids are deterministic, so ticking twice arms each post once.
 */
export async function tick(edge: LeaderboardEdge): Promise<{ armed: number }> {
  const defaults = new Map(
    Object.entries(DEFAULT_POINTS).filter((e): e is [string, PointRule] => e[1] !== undefined),
  );
  if (await edge.repository.syncDefaultRules(defaults)) {
    const teams = await edge.repository.rescoreAll();
    edge.logger.info({ teams }, 'default leaderboard points changed; rescored');
  }
  const now = edge.clock.now();
  let armed = 0;
  for (const team of await edge.repository.postingTeams({ installedOnly: edge.installedOnly })) {
    const settings = await edge.leaderboard.settings(team.teamId);
    const due = postsDue(now, team.tz, settings, { lateByMs: POST_LATENESS_MS, aheadMs: TICK_EVERY_MS * 2 });
    for (const post of due) {
      if (await edge.outbox.findByKey(team.teamId, postKey(post.period))) continue;
      await edge.enqueueJob(
        'post',
        { teamId: team.teamId, span: post.period.span, week: post.period.lastWeek },
        {
          jobId: `leaderboard__${team.teamId}__${post.period.span}__${post.period.key}`,
          delayMs: Math.max(0, post.at.getTime() - now.getTime()),
        },
      );
      armed++;
    }
  }
  return { armed };
}
