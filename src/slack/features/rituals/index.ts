import type { App, BlockButtonAction } from '@slack/bolt';
import { unitOfWork } from '../../../db/unit-of-work.ts';
import type { Deps } from '../../../deps.ts';
import { createActivityRepository } from '../../../domain/activity/activity.repository.ts';
import { createContributionService } from '../../../domain/portfolio/contribution.service.ts';
import { createPortfolioRepository } from '../../../domain/portfolio/portfolio.repository.ts';
import { createRitualService, type RitualTimers } from '../../../domain/rituals/ritual.service.ts';
import { localDateOf } from '../../../domain/schedules/index.ts';
import { createOutboxRepository } from '../../../outbox/outbox.repository.ts';
import type { Shell, SlackFeature } from '../../kit/feature.ts';
import { logContributionAction, pauseFromHomeAction } from './actions/home-buttons.ts';
import { reminderDoNow, reminderSkip, reminderSnooze } from './actions/reminder-buttons.ts';
import { oooCommand, pauseCommand, resumeCommand } from './commands/availability.ts';
import { contributionsCommand } from './commands/contributions.ts';
import { ritualCommand } from './commands/ritual.ts';
import { teamCommand } from './commands/team.ts';
import type { RitualEdge } from './context.ts';
import { ritualsHomeSection } from './home.ts';
import { REMINDER_ACTIONS, RITUAL_ACTIONS, RITUAL_VIEWS } from './ids.ts';
import { ritualOutboxKinds } from './outbox-kinds.ts';
import { contributionRitual } from './ritual-types.ts';
import { contributionSubmitted } from './views/contribution-log.ts';
import { ritualSetupSubmitted } from './views/ritual-setup.ts';
import { teamSettingsSubmitted } from './views/team-settings.ts';

/**
 * Rituals and reminders (docs/product/rituals.md): the ritual engine's Slack side — admin control
 * of rituals, the team calendar, members' pause and out-of-office, the reminder buttons — and the
 * monthly contribution ritual, its modal and list.
 */
export function createRitualsFeature(edge: RitualEdge, timers: RitualTimers): SlackFeature {
  const service = createRitualService({
    rituals: edge.rituals,
    occurrences: edge.occurrences,
    types: edge.types,
    timers,
    clock: edge.clock,
  });
  return {
    name: 'rituals',
    subcommands: {
      ritual: ritualCommand(edge, service),
      contributions: contributionsCommand(edge),
      pause: pauseCommand(edge),
      resume: resumeCommand(edge),
      ooo: oooCommand(edge),
      team: teamCommand(edge),
    },
    help: [
      {
        name: 'ritual',
        summary: 'list rituals; admins set up, run, pause and resume them',
        example: '/careerplan ritual run contribution',
        adminOnly: true,
      },
      {
        name: 'ritual',
        summary: "a ritual's next occurrence, its last one's counts and its thread",
        example: '/careerplan ritual status learning-hour',
        adminOnly: true,
      },
      {
        name: 'ritual',
        summary: "post this week's learning-hour digest in its thread now",
        example: '/careerplan ritual digest learning-hour',
        adminOnly: true,
      },
      {
        name: 'contributions',
        summary: "this month's and past contributions",
        example: '/careerplan contributions',
      },
      { name: 'pause', summary: 'pause reminder DMs', example: '/careerplan pause until 2026-12-31' },
      { name: 'resume', summary: 'resume reminder DMs', example: '/careerplan resume' },
      {
        name: 'ooo',
        summary: 'out of office: no reminders between two dates',
        example: '/careerplan ooo 2026-12-20 2027-01-03',
      },
      {
        name: 'team',
        summary: 'work days, holidays, default time zone',
        example: '/careerplan team',
        adminOnly: true,
      },
    ],
    ritualTypes: [
      {
        ...contributionRitual,
        home: {
          async status({ member, tz, now }) {
            const month = localDateOf(now, tz).slice(0, 7);
            const logged = await edge.portfolio.contributionsSince(
              member.teamId,
              member.userId,
              `${month}-01`,
            );
            return logged.length
              ? `:white_check_mark: You logged ${logged.length} contribution${logged.length === 1 ? '' : 's'} this month.`
              : ':hourglass_flowing_sand: No contribution logged this month yet.';
          },
          button: { actionId: RITUAL_ACTIONS.logContribution, text: 'Log a contribution' },
        },
      },
    ],
    homeSections: [ritualsHomeSection(edge)],
    outboxKinds: ritualOutboxKinds({ rituals: edge.rituals, typeEdges: edge.typeEdges }),
    register(app: App) {
      app.action<BlockButtonAction>(REMINDER_ACTIONS.doNow, reminderDoNow(edge));
      app.action<BlockButtonAction>(REMINDER_ACTIONS.snoozeHour, reminderSnooze(edge, '1h'));
      app.action<BlockButtonAction>(REMINDER_ACTIONS.snoozeTomorrow, reminderSnooze(edge, 'tomorrow'));
      app.action<BlockButtonAction>(REMINDER_ACTIONS.skip, reminderSkip(edge));
      app.action<BlockButtonAction>(RITUAL_ACTIONS.logContribution, logContributionAction(edge));
      app.action<BlockButtonAction>(RITUAL_ACTIONS.pauseFromHome, pauseFromHomeAction(edge, true));
      app.action<BlockButtonAction>(RITUAL_ACTIONS.resumeFromHome, pauseFromHomeAction(edge, false));
      app.view(RITUAL_VIEWS.contribution, contributionSubmitted(edge));
      app.view(RITUAL_VIEWS.ritualSetup, ritualSetupSubmitted(edge, service));
      app.view(RITUAL_VIEWS.teamSettings, teamSettingsSubmitted(edge, timers));
    },
    // Logged contributions are portfolio artifacts: the portfolio feature erases them.
    erase: ({ teamId, userId }) => edge.calendar.eraseMember(teamId, userId),
  };
}

/** The rituals feature, wired from the container (feature-list.ts names it). */
export function ritualsFeature(deps: Deps, shell: Shell): SlackFeature {
  const contributions = createContributionService({
    uow: unitOfWork(deps.db, (trx) => ({
      portfolio: createPortfolioRepository(trx),
      activity: createActivityRepository(trx),
      reminders: createOutboxRepository(trx),
    })),
    findReminder: deps.outboxRepository.find,
    clock: deps.clock,
  });
  const timers: RitualTimers = {
    fanout: (occurrence) => deps.timers.fanout(occurrence),
    reconcileSoon: async () => {
      await deps.queues.enqueue('reconcile-rituals', { horizonDays: 3 });
    },
    recheckScheduled: (teamId) => deps.outbox.recheckScheduled(teamId),
  };
  return createRitualsFeature(
    {
      logger: deps.logger,
      clock: deps.clock,
      workspaces: deps.workspaces,
      members: deps.members,
      resolver: shell.resolver,
      guard: shell.guard,
      home: shell.home,
      rituals: deps.rituals,
      calendar: deps.calendar,
      occurrences: deps.occurrences,
      portfolio: deps.portfolio,
      contributions,
      outbox: deps.outbox,
      types: deps.ritualTypes,
      typeEdges: shell.ritualTypeEdges,
    },
    timers,
  );
}
