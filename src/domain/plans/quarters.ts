import { DateTime } from 'luxon';
import { DomainError } from '../errors.ts';

/** A calendar quarter. Which instants belong to it depends on the member's time zone. */
export interface Quarter {
  year: number;
  q: 1 | 2 | 3 | 4;
}

/** A half-open range of UTC instants: `start` ≤ t < `end`. */
export interface InstantRange {
  start: Date;
  end: Date;
}

const QUARTER_EXAMPLE = '2026-Q3';
const YEAR_FIRST = /^(\d{4})\s*-?\s*q([1-4])$/i;
const QUARTER_FIRST = /^q([1-4])\s*-?\s*(\d{4})$/i;

function toQ(n: number): Quarter['q'] {
  if (n === 1 || n === 2 || n === 3 || n === 4) return n;
  throw new RangeError(`quarter number out of range: ${n}`);
}

function zoned(instant: Date, tz: string): DateTime {
  const local = DateTime.fromJSDate(instant, { zone: tz });
  if (!local.isValid) {
    throw new DomainError('time_zone_invalid', `"${tz}" is not a time zone we recognise.`);
  }
  return local;
}

/**
 * The quarter an instant falls in on the member's own calendar: 2027-01-01 05:00 UTC is
 * 2027-Q1 in UTC but still 2026-Q4 in Los Angeles (21:00 on 31 December there).
 * Throws a {@link DomainError} (`time_zone_invalid`) for an unknown IANA zone.
 */
export function quarterOf(instant: Date, tz: string): Quarter {
  const local = zoned(instant, tz);
  return { year: local.year, q: toQ(Math.ceil(local.month / 3)) };
}

/**
 * Reads a quarter as people type it: `2026-Q3`, `Q3-2026`, `2026q3`, `2026 Q3`
 * (case-insensitive). Throws a {@link DomainError} (`quarter_invalid`) otherwise.
 */
export function parseQuarter(text: string): Quarter {
  const trimmed = text.trim();
  const yearFirst = YEAR_FIRST.exec(trimmed);
  const quarterFirst = yearFirst ? null : QUARTER_FIRST.exec(trimmed);
  const yearText = yearFirst?.[1] ?? quarterFirst?.[2];
  const qText = yearFirst?.[2] ?? quarterFirst?.[1];
  const year = Number(yearText);
  if (yearText === undefined || qText === undefined || year < 2000 || year > 2100) {
    throw new DomainError(
      'quarter_invalid',
      `"${trimmed}" isn't a quarter I can read; write it like \`${QUARTER_EXAMPLE}\`.`,
      'quarter',
    );
  }
  return { year, q: toQ(Number(qText)) };
}

/** The canonical text of a quarter, e.g. `2026-Q3` (what {@link parseQuarter} reads back). */
export function formatQuarter(quarter: Quarter): string {
  return `${quarter.year}-Q${quarter.q}`;
}

/** Negative, zero or positive as `a` is before, equal to or after `b`. */
export function compareQuarters(a: Quarter, b: Quarter): number {
  return a.year - b.year || a.q - b.q;
}

/** The quarter `n` quarters after (or, for negative `n`, before) the given one. */
export function addQuarters(quarter: Quarter, n: number): Quarter {
  const index = quarter.year * 4 + (quarter.q - 1) + n;
  return { year: Math.floor(index / 4), q: toQ((((index % 4) + 4) % 4) + 1) };
}

/**
 * The UTC instants a quarter covers on the member's calendar: from local midnight on its
 * first day (inclusive) to local midnight on the next quarter's first day (exclusive).
 * Throws a {@link DomainError} (`time_zone_invalid`) for an unknown IANA zone.
 */
export function quarterBounds(quarter: Quarter, tz: string): InstantRange {
  const start = DateTime.fromObject(
    { year: quarter.year, month: (quarter.q - 1) * 3 + 1, day: 1 },
    { zone: tz },
  );
  if (!start.isValid) {
    throw new DomainError('time_zone_invalid', `"${tz}" is not a time zone we recognise.`);
  }
  return { start: start.toJSDate(), end: start.plus({ months: 3 }).toJSDate() };
}
