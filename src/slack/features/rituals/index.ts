import type { App, BlockButtonAction } from '@slack/bolt';
import type { Deps } from '../../../deps.ts';
import { createRitualService, type RitualTimers } from '../../../domain/rituals/ritual.service.ts';
import type { SlackFeature } from '../../kit/feature.ts';
import { reminderDoNow, reminderSkip, reminderSnooze } from './actions/reminder-buttons.ts';
import { oooCommand, pauseCommand, resumeCommand } from './commands/availability.ts';
import { contributionsCommand } from './commands/contributions.ts';
import { ritualCommand } from './commands/ritual.ts';
import { teamCommand } from './commands/team.ts';
import { REMINDER_ACTIONS, RITUAL_VIEWS } from './ids.ts';
import { contributionSubmitted } from './views/contribution-log.ts';
import { ritualSetupSubmitted } from './views/ritual-setup.ts';
import { teamSettingsSubmitted } from './views/team-settings.ts';

/**
 * Rituals and reminders (docs/product/rituals.md): admin control of rituals, the team calendar,
 * members' pause and out-of-office, the reminder buttons, and the monthly contribution ritual's
 * modal and list.
 */
export function createRitualsFeature(deps: Deps): SlackFeature {
  const timers: RitualTimers = {
    fanout: (occurrence) => deps.timers.fanout(occurrence),
    reconcileSoon: async () => {
      await deps.queues.enqueue('reconcile-rituals', { horizonDays: 3 });
    },
  };
  const service = createRitualService({
    rituals: deps.rituals,
    deliveries: deps.deliveries,
    timers,
    clock: deps.clock,
  });
  return {
    name: 'rituals',
    subcommands: {
      ritual: ritualCommand(deps, service),
      contributions: contributionsCommand(deps),
      pause: pauseCommand(deps),
      resume: resumeCommand(deps),
      ooo: oooCommand(deps),
      team: teamCommand(deps),
    },
    register(app: App) {
      app.action<BlockButtonAction>(REMINDER_ACTIONS.doNow, reminderDoNow(deps));
      app.action<BlockButtonAction>(REMINDER_ACTIONS.snoozeHour, reminderSnooze(deps, '1h'));
      app.action<BlockButtonAction>(REMINDER_ACTIONS.snoozeTomorrow, reminderSnooze(deps, 'tomorrow'));
      app.action<BlockButtonAction>(REMINDER_ACTIONS.skip, reminderSkip(deps));
      app.view(RITUAL_VIEWS.contribution, contributionSubmitted(deps));
      app.view(RITUAL_VIEWS.ritualSetup, ritualSetupSubmitted(deps, service));
      app.view(RITUAL_VIEWS.teamSettings, teamSettingsSubmitted(deps, timers));
    },
  };
}
