// Pure scheduling rules for rituals: cadences → local dates → per-member UTC instants.
export {
  type Cadence,
  type LocalTime,
  MAX_OCCURRENCE_RANGE_DAYS,
  occurrenceDates,
  parseLocalTime,
  validateCadence,
  type Weekday,
} from './cadence.ts';
export {
  addDays,
  assertLocalTime,
  assertTimeZone,
  formatTime,
  isValidTimeZone,
  localDateOf,
  localTimeOf,
  localToUtc,
} from './local-time.ts';
export {
  channelPostAt,
  MAX_HORIZON_DAYS,
  type PlannedOccurrence,
  planOccurrences,
  type SnoozeOption,
  snoozeUntil,
} from './plan.ts';
export {
  DEFAULT_WORK_WEEK,
  type DeliveryDecision,
  deliveryDecision,
  isOutOfOfficeOn,
  isPausedOn,
  isWorkWeekday,
  type MemberAvailability,
  memberTimeZone,
  type SkipReason,
  SUNDAY_TO_THURSDAY,
  type TeamCalendar,
  validateWorkWeek,
  type WorkWeek,
} from './work-calendar.ts';
