import { DateTime } from 'luxon';
import { DomainError } from '../errors.ts';
import { addDays } from '../schedules/index.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(text: string): boolean {
  return DATE.test(text) && DateTime.fromISO(text, { zone: 'UTC' }).isValid;
}

/**
 * `/careerplan pause [until YYYY-MM-DD]`: no date pauses until resumed ('forever'); a date must be
 * today or later in the member's zone and within a year.
 */
export function parsePauseArgs(args: readonly string[], today: string): string {
  if (args.length === 0) return 'forever';
  const [word, date, ...rest] = args;
  const example = '`/careerplan pause until 2026-12-31` (or just `/careerplan pause`)';
  if (word?.toLowerCase() !== 'until' || date === undefined || rest.length > 0) {
    throw new DomainError('pause_args', `\`/careerplan pause\` takes an optional end date, e.g. ${example}`);
  }
  if (!isRealDate(date))
    throw new DomainError('pause_args', `\`${date.slice(0, 20)}\` is not a date like 2026-12-31: ${example}`);
  if (date < today)
    throw new DomainError('pause_args', `${date} is in the past; pick today (${today}) or later.`);
  if (date > addDays(today, 366))
    throw new DomainError(
      'pause_args',
      'Pause for at most a year, or leave the date out to pause until you resume.',
    );
  return date;
}

/** `/careerplan ooo <from> <to>`: inclusive local dates, not ending in the past, at most 6 months. */
export function parseOooArgs(args: readonly string[], today: string): { from: string; to: string } {
  const example = '`/careerplan ooo 2026-12-20 2027-01-03`';
  const [from, to, ...rest] = args;
  if (from === undefined || to === undefined || rest.length > 0) {
    throw new DomainError(
      'ooo_args',
      `\`/careerplan ooo\` needs a first and a last day away, e.g. ${example}`,
    );
  }
  for (const d of [from, to]) {
    if (!isRealDate(d))
      throw new DomainError('ooo_args', `\`${d.slice(0, 20)}\` is not a date like 2026-12-20: ${example}`);
  }
  if (to < from)
    throw new DomainError('ooo_args', `The last day (${to}) is before the first (${from}): ${example}`);
  if (to < today) throw new DomainError('ooo_args', `That time off is already over (today is ${today}).`);
  if (to > addDays(from, 183))
    throw new DomainError('ooo_args', 'Out of office can cover at most 6 months at a time.');
  return { from, to };
}
