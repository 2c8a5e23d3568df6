import { DomainError } from '../errors.ts';
import type { Cadence, Weekday } from '../schedules/index.ts';
import { validateCadence } from '../schedules/index.ts';
import { parseLocalDate } from '../schedules/local-time.ts';

/**
 * The ritual setup modal's schedule pickers (docs/product/rituals.md): how often, then the
 * weekday, the week of the month or the day of the month that choice needs. Field names are the
 * modal's block ids, so an error lands beside the picker it is about.
 */
export const FREQUENCIES = {
  weekly: 'Every week',
  biweekly: 'Every other week',
  monthly_first_workday: 'First work day of the month',
  monthly_day: 'A day of the month',
  monthly_nth_weekday: 'A weekday of the month (e.g. last Friday)',
} as const;

export type Frequency = keyof typeof FREQUENCIES;

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export const NTH_NAMES: Record<string, string> = {
  '1': 'First',
  '2': 'Second',
  '3': 'Third',
  '4': 'Fourth',
  '5': 'Fifth',
  '-1': 'Last',
};

export const CADENCE_FIELDS = {
  frequency: 'frequency',
  weekday: 'weekday',
  nth: 'nth',
  day: 'day',
  anchor: 'anchor',
} as const;

const missing = (field: string, what: string) =>
  new DomainError('cadence_invalid', `Pick ${what} for this schedule.`, field);

/**
 * The cadence the pickers describe. Pickers the chosen frequency does not use are ignored; one it
 * needs but is empty is an error on that picker. A fortnightly rotation without a start date
 * starts this week (`today`).
 */
export function cadenceFromForm(
  input: { frequency: string; weekday: string; nth: string; day: string; anchor: string },
  today: string,
): Cadence {
  const weekday = (): Weekday => {
    const n = Number(input.weekday);
    if (!input.weekday || !Number.isInteger(n) || n < 1 || n > 7)
      throw missing(CADENCE_FIELDS.weekday, 'a weekday');
    return n as Weekday;
  };
  let cadence: Cadence;
  switch (input.frequency) {
    case 'weekly':
      cadence = { kind: 'weekly', weekday: weekday() };
      break;
    case 'biweekly': {
      const anchorDate = input.anchor || today;
      try {
        parseLocalDate(anchorDate);
      } catch {
        throw new DomainError(
          'cadence_invalid',
          'Pick the date of the first session.',
          CADENCE_FIELDS.anchor,
        );
      }
      cadence = { kind: 'biweekly', weekday: weekday(), anchorDate };
      break;
    }
    case 'monthly_first_workday':
      cadence = { kind: 'monthly_first_workday' };
      break;
    case 'monthly_day':
      if (!input.day) throw missing(CADENCE_FIELDS.day, 'the day of the month');
      cadence = { kind: 'monthly_day', day: Number(input.day) };
      break;
    case 'monthly_nth_weekday':
      if (!input.nth) throw missing(CADENCE_FIELDS.nth, 'which week of the month');
      cadence = {
        kind: 'monthly_nth_weekday',
        nth: Number(input.nth) as 1 | 2 | 3 | 4 | 5 | -1,
        weekday: weekday(),
      };
      break;
    default:
      throw new DomainError(
        'cadence_invalid',
        'Choose how often the ritual happens.',
        CADENCE_FIELDS.frequency,
      );
  }
  validateCadence(cadence);
  return cadence;
}

/** The pickers' values for a stored cadence (to pre-fill the modal). */
export function formFromCadence(cadence: Cadence): {
  frequency: Frequency;
  weekday?: string;
  nth?: string;
  day?: string;
  anchor?: string;
} {
  switch (cadence.kind) {
    case 'weekly':
      return { frequency: 'weekly', weekday: String(cadence.weekday) };
    case 'biweekly':
      return { frequency: 'biweekly', weekday: String(cadence.weekday), anchor: cadence.anchorDate };
    case 'monthly_first_workday':
      return { frequency: 'monthly_first_workday' };
    case 'monthly_day':
      return { frequency: 'monthly_day', day: String(cadence.day) };
    case 'monthly_nth_weekday':
      return { frequency: 'monthly_nth_weekday', weekday: String(cadence.weekday), nth: String(cadence.nth) };
  }
}

/**
 * Common IANA zones offered by the setup modal's zone picker (Slack selects hold 100 options);
 * the team's default comes first, and a ritual's own zone is added when it is not among them.
 */
export const COMMON_TIME_ZONES = [
  'UTC',
  'Pacific/Honolulu',
  'America/Anchorage',
  'America/Los_Angeles',
  'America/Phoenix',
  'America/Denver',
  'America/Chicago',
  'America/Mexico_City',
  'America/New_York',
  'America/Toronto',
  'America/Halifax',
  'America/Bogota',
  'America/Sao_Paulo',
  'America/Argentina/Buenos_Aires',
  'Atlantic/Reykjavik',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Lisbon',
  'Europe/Madrid',
  'Europe/Paris',
  'Europe/Amsterdam',
  'Europe/Brussels',
  'Europe/Berlin',
  'Europe/Zurich',
  'Europe/Rome',
  'Europe/Stockholm',
  'Europe/Oslo',
  'Europe/Copenhagen',
  'Europe/Warsaw',
  'Europe/Prague',
  'Europe/Vienna',
  'Europe/Budapest',
  'Europe/Athens',
  'Europe/Helsinki',
  'Europe/Kyiv',
  'Europe/Istanbul',
  'Europe/Moscow',
  'Africa/Lagos',
  'Africa/Cairo',
  'Africa/Johannesburg',
  'Africa/Nairobi',
  'Asia/Jerusalem',
  'Asia/Dubai',
  'Asia/Karachi',
  'Asia/Kolkata',
  'Asia/Dhaka',
  'Asia/Bangkok',
  'Asia/Jakarta',
  'Asia/Singapore',
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Seoul',
  'Asia/Tokyo',
  'Australia/Perth',
  'Australia/Brisbane',
  'Australia/Sydney',
  'Pacific/Auckland',
] as const;
