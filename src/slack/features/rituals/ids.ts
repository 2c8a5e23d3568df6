/** Action ids, callback ids and metadata of reminders and ritual admin screens. */
export const REMINDER_ACTIONS = {
  doNow: 'reminder_do_now',
  snoozeHour: 'reminder_snooze_1h',
  snoozeTomorrow: 'reminder_snooze_tomorrow',
  skip: 'reminder_skip',
} as const;

/** App Home's rituals section. */
export const RITUAL_ACTIONS = {
  logContribution: 'rituals_home_log_contribution',
  pauseFromHome: 'rituals_home_pause',
  resumeFromHome: 'rituals_home_resume',
} as const;

export const RITUAL_VIEWS = {
  contribution: 'contribution_log',
  ritualSetup: 'ritual_setup',
  teamSettings: 'team_settings',
} as const;

/** A reminder button's value: which delivery, which round. */
export function reminderValue(deliveryId: string, round: number): string {
  return `${deliveryId}:${round}`;
}

export function parseReminderValue(
  value: string | undefined,
): { deliveryId: string; round: number } | undefined {
  const match = /^(\d+):(\d+)$/.exec(value ?? '');
  return match ? { deliveryId: match[1] as string, round: Number(match[2]) } : undefined;
}
