import { DomainError } from '../errors.ts';
import type { Cadence, Weekday } from '../schedules/index.ts';
import { validateCadence } from '../schedules/index.ts';

const WEEKDAYS: Record<string, Weekday> = {
  monday: 1,
  mon: 1,
  tuesday: 2,
  tue: 2,
  wednesday: 3,
  wed: 3,
  thursday: 4,
  thu: 4,
  friday: 5,
  fri: 5,
  saturday: 6,
  sat: 6,
  sunday: 7,
  sun: 7,
};
const ORDINALS: Record<string, 1 | 2 | 3 | 4 | 5 | -1> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  fifth: 5,
  '5th': 5,
  last: -1,
};

export const CADENCE_EXAMPLES = [
  'first workday',
  'day 15',
  'last friday',
  '2nd tuesday',
  'weekly thursday',
  'biweekly wednesday from 2026-01-07',
] as const;

/**
 * Reads a schedule typed in the ritual setup modal: `first workday`, `day 15`, `last friday`,
 * `2nd tuesday`, `weekly thursday`, `biweekly wednesday from 2026-01-07`.
 */
export function parseCadenceText(text: string): Cadence {
  const words = text
    .trim()
    .toLowerCase()
    .replace(/(?<=[a-z])-(?=[a-z])/g, ' ')
    .split(/\s+/);
  const fail = (): never => {
    throw new DomainError(
      'cadence_invalid',
      `Write the schedule like one of: ${CADENCE_EXAMPLES.map((e) => `"${e}"`).join(', ')}.`,
      'cadence',
    );
  };
  const weekday = (w: string | undefined): Weekday => (w && WEEKDAYS[w]) || fail();
  let cadence: Cadence | undefined;
  const [a, b, c, d] = words;
  if (words.length === 2 && a === 'first' && (b === 'workday' || b === 'weekday'))
    cadence = { kind: 'monthly_first_workday' };
  else if (words.length === 3 && a === 'first' && b === 'work' && c === 'day')
    cadence = { kind: 'monthly_first_workday' };
  else if (words.length === 2 && a === 'day' && /^\d{1,2}$/.test(b ?? ''))
    cadence = { kind: 'monthly_day', day: Number(b) };
  else if (words.length === 2 && a && ORDINALS[a] !== undefined)
    cadence = { kind: 'monthly_nth_weekday', nth: ORDINALS[a], weekday: weekday(b) };
  else if (words.length === 2 && a === 'weekly') cadence = { kind: 'weekly', weekday: weekday(b) };
  else if (words.length === 4 && a === 'biweekly' && c === 'from' && d)
    cadence = { kind: 'biweekly', weekday: weekday(b), anchorDate: d };
  if (!cadence) return fail();
  try {
    validateCadence(cadence);
  } catch (error) {
    if (error instanceof DomainError) throw new DomainError('cadence_invalid', error.message, 'cadence');
    throw error;
  }
  return cadence;
}

/** The inverse of parseCadenceText, to pre-fill the setup modal. */
export function cadenceToText(cadence: Cadence): string {
  const day = (w: Weekday) =>
    Object.keys(WEEKDAYS).find((k) => k.length > 3 && WEEKDAYS[k] === w) ?? 'monday';
  switch (cadence.kind) {
    case 'monthly_first_workday':
      return 'first workday';
    case 'monthly_day':
      return `day ${cadence.day}`;
    case 'monthly_nth_weekday':
      return `${cadence.nth === -1 ? 'last' : ['', '1st', '2nd', '3rd', '4th', '5th'][cadence.nth]} ${day(cadence.weekday)}`;
    case 'weekly':
      return `weekly ${day(cadence.weekday)}`;
    case 'biweekly':
      return `biweekly ${day(cadence.weekday)} from ${cadence.anchorDate}`;
  }
}
