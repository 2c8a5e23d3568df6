import type { App } from '@slack/bolt';
import { z } from 'zod';
import { unitOfWork } from '../../../db/unit-of-work.ts';
import type { Deps } from '../../../deps.ts';
import { readBoard } from '../../../domain/leaderboard/board.repository.ts';
import { createLeaderboardRepository } from '../../../domain/leaderboard/leaderboard.repository.ts';
import { createLeaderboardService } from '../../../domain/leaderboard/leaderboard.service.ts';
import { periodOf } from '../../../domain/leaderboard/periods.ts';
import { PermanentJobError } from '../../../jobs/errors.ts';
import { prerenderedKind } from '../../../outbox/kinds.ts';
import type { Shell, SlackFeature } from '../../kit/feature.ts';
import { barChartPng } from './chart.ts';
import { leaderboardCommand } from './commands/leaderboard.ts';
import type { LeaderboardEdge } from './context.ts';
import { LEADERBOARD_POST_KIND, LEADERBOARD_VIEWS } from './ids.ts';
import { POST_LATENESS_MS, publishBoard, TICK_EVERY_MS, tick } from './posts.ts';
import { settingsSubmitted } from './views/settings.ts';

const postJob = z.object({
  teamId: z.string().regex(/^[TE][A-Z0-9]+$/),
  span: z.enum(['week', 'month']),
  week: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

/**
 * The team leaderboard (docs/product/leaderboard.md): points for learning habits from activity
 * events, streaks, `/careerplan leaderboard [week|month|quarter|optout|optin|settings]`, and the
 * weekly and monthly posts in the learning-hour channel through the outbox.
 */
export function createLeaderboardFeature(
  edge: LeaderboardEdge,
  weekTotals: (teamId: string, first: string, last: string) => Promise<Map<string, number>>,
): SlackFeature {
  return {
    name: 'leaderboard',
    subcommands: { leaderboard: leaderboardCommand(edge) },
    help: [
      {
        name: 'leaderboard',
        summary:
          'team standings with your own rank and streak; `optout|optin` your name; `settings` (admins)',
        example: '/careerplan leaderboard month',
      },
    ],
    outboxKinds: [prerenderedKind(LEADERBOARD_POST_KIND, { maxLatenessMs: POST_LATENESS_MS })],
    jobs: {
      /** Every few minutes: arms the post jobs due soon (and syncs the default points). */
      tick: {
        schema: z.object({}),
        async run() {
          await tick(edge);
        },
      },
      /** One period's post, exactly once however often it runs. */
      post: {
        schema: postJob,
        async run(data) {
          const { teamId, span, week } = postJob.parse(data);
          const outcome = await publishBoard(
            edge,
            {
              renderChart: barChartPng,
              weekTotals: (team, period) => weekTotals(team, period.firstWeek, period.lastWeek),
            },
            teamId,
            span,
            periodOf(span, week).lastWeek,
          );
          edge.logger.info({ teamId, span, week, outcome }, 'leaderboard post');
        },
      },
    },
    schedules: [{ id: 'leaderboard-tick', job: 'tick', everyMs: TICK_EVERY_MS }],
    register(app: App) {
      app.view(LEADERBOARD_VIEWS.settings, settingsSubmitted(edge));
    },
    erase: ({ teamId, userId }) => edge.repository.eraseMember(teamId, userId),
  };
}

/** The leaderboard feature, wired from the container (feature-list.ts names it). */
export function leaderboardFeature(deps: Deps, shell: Shell): SlackFeature {
  const repository = createLeaderboardRepository(deps.db);
  const teamZone = async (teamId: string) => (await deps.calendar.teamCalendar(teamId)).timeZone;
  const leaderboard = createLeaderboardService({
    repository,
    readBoard: (input) => readBoard(deps.db, input),
    uow: unitOfWork(deps.db, (trx) => createLeaderboardRepository(trx)),
    teamZone,
    clock: deps.clock,
  });
  return createLeaderboardFeature(
    {
      logger: deps.logger,
      clock: deps.clock,
      workspaces: deps.workspaces,
      members: deps.members,
      resolver: shell.resolver,
      guard: shell.guard,
      leaderboard,
      repository,
      outbox: deps.outbox,
      installedOnly: deps.config.auth.mode === 'oauth',
      async uploadChart(teamId, file) {
        const token = await deps.botTokens.forTeam(teamId);
        if (!token) throw new PermanentJobError('uninstalled', 'the workspace has uninstalled the app');
        const result = await deps.clients.forToken(token).filesUploadV2({
          file: file.png,
          filename: file.filename,
          title: file.title,
        });
        const id = result.files[0]?.files?.[0]?.id;
        if (!id) throw new Error('files upload returned no file id');
        return id;
      },
      async enqueueJob(job, data, options) {
        await deps.queues.enqueue(
          'feature-job',
          { job: `leaderboard.${job}`, data },
          { jobId: options.jobId, delayMs: options.delayMs },
        );
      },
    },
    (teamId, first, last) => repository.weekTotals(teamId, first, last),
  );
}
