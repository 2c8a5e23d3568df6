import { DateTime } from 'luxon';
import { DomainError } from '../errors.ts';
import { isValidTimeZone, validateWorkWeek, type Weekday } from '../schedules/index.ts';

export interface Holiday {
  day: string;
  name: string;
}

export interface TeamCalendarInput {
  workWeek: Weekday[];
  timeZone: string;
  holidays: Holiday[];
}

/** Validates the team calendar modal; each error names its field. */
export function validateTeamCalendar(input: {
  workDays: readonly string[];
  timeZone: string;
  holidays: string;
}): TeamCalendarInput {
  const workWeek = [...new Set(input.workDays.map(Number))].sort() as Weekday[];
  try {
    validateWorkWeek(workWeek);
  } catch {
    throw new DomainError('team_invalid', 'Pick at least one work day.', 'work_week');
  }
  const timeZone = input.timeZone.trim();
  if (!isValidTimeZone(timeZone)) {
    throw new DomainError(
      'team_invalid',
      `"${timeZone.slice(0, 40)}" is not an IANA time zone like Europe/Berlin or America/New_York.`,
      'time_zone',
    );
  }
  return { workWeek, timeZone, holidays: parseHolidayLines(input.holidays) };
}

/** "2026-12-25 Christmas Day" per line; blank lines ignored; at most 100 holidays. */
export function parseHolidayLines(text: string): Holiday[] {
  const holidays = new Map<string, string>();
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  for (const [i, line] of lines.entries()) {
    const match = /^(\d{4}-\d{2}-\d{2})\s*(.*)$/.exec(line);
    if (!match || !DateTime.fromISO(match[1] as string, { zone: 'UTC' }).isValid) {
      throw new DomainError(
        'team_invalid',
        `Line ${i + 1} ("${line.slice(0, 30)}") should start with a date like 2026-12-25.`,
        'holidays',
      );
    }
    holidays.set(match[1] as string, (match[2] ?? '').slice(0, 80));
  }
  if (holidays.size > 100) throw new DomainError('team_invalid', 'List at most 100 holidays.', 'holidays');
  return [...holidays].map(([day, name]) => ({ day, name })).sort((a, b) => a.day.localeCompare(b.day));
}
