import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import {
  addQuarters,
  compareQuarters,
  formatQuarter,
  parseQuarter,
  type Quarter,
  quarterBounds,
  quarterOf,
} from '../../../src/domain/plans/index.ts';

/** The UTC instant of a local wall-clock time in `tz`. */
function at(local: string, tz: string): Date {
  return DateTime.fromISO(local, { zone: tz }).toJSDate();
}

describe('quarterOf', () => {
  it('uses the member’s own calendar', () => {
    expect(quarterOf(at('2026-12-31T23:30', 'Pacific/Auckland'), 'Pacific/Auckland')).toEqual({
      year: 2026,
      q: 4,
    });
    expect(quarterOf(at('2027-01-01T00:30', 'America/Los_Angeles'), 'America/Los_Angeles')).toEqual({
      year: 2027,
      q: 1,
    });
  });

  it('puts the same instant in different quarters for different zones', () => {
    const instant = new Date('2027-01-01T05:00:00Z');
    expect(quarterOf(instant, 'UTC')).toEqual({ year: 2027, q: 1 });
    expect(quarterOf(instant, 'America/Los_Angeles')).toEqual({ year: 2026, q: 4 });
    const kolkata = new Date('2026-03-31T18:29:59Z'); // 23:59:59 IST
    expect(quarterOf(kolkata, 'Asia/Kolkata')).toEqual({ year: 2026, q: 1 });
    expect(quarterOf(new Date('2026-03-31T18:30:00Z'), 'Asia/Kolkata')).toEqual({ year: 2026, q: 2 });
    expect(quarterOf(new Date('2026-03-31T18:30:00Z'), 'UTC')).toEqual({ year: 2026, q: 1 });
  });

  it('switches exactly at UTC midnight for UTC', () => {
    expect(quarterOf(new Date('2026-06-30T23:59:59.999Z'), 'UTC')).toEqual({ year: 2026, q: 2 });
    expect(quarterOf(new Date('2026-07-01T00:00:00Z'), 'UTC')).toEqual({ year: 2026, q: 3 });
    expect(quarterOf(new Date('2026-09-30T23:59:59Z'), 'Etc/UTC')).toEqual({ year: 2026, q: 3 });
    expect(quarterOf(new Date('2026-10-01T00:00:00Z'), 'UTC')).toEqual({ year: 2026, q: 4 });
  });

  it('rejects an unknown zone', () => {
    expect(() => quarterOf(new Date(), 'Mars/Olympus')).toThrow(DomainError);
  });
});

describe('quarterBounds', () => {
  it('starts and ends at local midnight', () => {
    expect(quarterBounds({ year: 2026, q: 3 }, 'UTC')).toEqual({
      start: new Date('2026-07-01T00:00:00Z'),
      end: new Date('2026-10-01T00:00:00Z'),
    });
    expect(quarterBounds({ year: 2026, q: 2 }, 'Asia/Kolkata')).toEqual({
      start: new Date('2026-03-31T18:30:00Z'),
      end: new Date('2026-06-30T18:30:00Z'),
    });
    // Auckland is on NZDT (+13) on 1 January.
    expect(quarterBounds({ year: 2027, q: 1 }, 'Pacific/Auckland').start).toEqual(
      new Date('2026-12-31T11:00:00Z'),
    );
    // Los Angeles: PST (−8) on 1 January, PDT (−7) on 1 April.
    expect(quarterBounds({ year: 2027, q: 1 }, 'America/Los_Angeles')).toEqual({
      start: new Date('2027-01-01T08:00:00Z'),
      end: new Date('2027-04-01T07:00:00Z'),
    });
  });

  it('agrees with quarterOf in every zone', () => {
    const zones = ['UTC', 'Asia/Kolkata', 'Pacific/Auckland', 'America/Los_Angeles', 'Europe/Berlin'];
    fc.assert(
      fc.property(
        fc.integer({ min: 2020, max: 2040 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(...zones),
        (year, n, tz) => {
          const quarter: Quarter = { year, q: n as Quarter['q'] };
          const { start, end } = quarterBounds(quarter, tz);
          expect(quarterOf(start, tz)).toEqual(quarter);
          expect(quarterOf(new Date(end.getTime() - 1), tz)).toEqual(quarter);
          expect(quarterOf(end, tz)).toEqual(addQuarters(quarter, 1));
        },
      ),
    );
  });
});

describe('parseQuarter and formatQuarter', () => {
  it.each(['2026-Q3', 'Q3-2026', '2026q3', '2026Q3', 'q3 2026', ' 2026 - Q3 '])('reads %j', (text) => {
    expect(parseQuarter(text)).toEqual({ year: 2026, q: 3 });
  });

  it.each(['2026-Q5', '2026-Q0', 'Q3', '2026', '26-Q3', 'third quarter', '2026-03', '', 'Q3-2026-Q4'])(
    'rejects %j with a correct example',
    (text) => {
      try {
        parseQuarter(text);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        const { code, message } = error as DomainError;
        expect(code).toBe('quarter_invalid');
        const example = /`([^`]+)`/.exec(message)?.[1] ?? '';
        expect(parseQuarter(example)).toEqual({ year: 2026, q: 3 });
      }
    },
  );

  it('round-trips', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 4 }), (year, n) => {
        const quarter: Quarter = { year, q: n as Quarter['q'] };
        expect(parseQuarter(formatQuarter(quarter))).toEqual(quarter);
      }),
    );
    expect(formatQuarter({ year: 2026, q: 1 })).toBe('2026-Q1');
  });

  it('steps and compares', () => {
    expect(addQuarters({ year: 2026, q: 4 }, 1)).toEqual({ year: 2027, q: 1 });
    expect(addQuarters({ year: 2026, q: 1 }, -1)).toEqual({ year: 2025, q: 4 });
    expect(addQuarters({ year: 2026, q: 2 }, -9)).toEqual({ year: 2024, q: 1 });
    expect(compareQuarters({ year: 2026, q: 4 }, { year: 2027, q: 1 })).toBeLessThan(0);
    expect(compareQuarters({ year: 2026, q: 2 }, { year: 2026, q: 2 })).toBe(0);
  });
});
