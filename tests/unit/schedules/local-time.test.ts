import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it, vi } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import {
  isValidTimeZone,
  localDateOf,
  localTimeOf,
  localToUtc,
} from '../../../src/domain/schedules/index.ts';

const at = (date: string, hour: number, minute: number, tz: string): string =>
  localToUtc(date, { hour, minute }, tz).toISOString();

describe('localToUtc: ordinary and DST days', () => {
  it.each([
    // America/New_York: EST -5 → EDT -4 on 2026-03-08, back on 2026-11-01.
    ['2026-03-07', 9, 0, 'America/New_York', '2026-03-07T14:00:00.000Z'],
    ['2026-03-08', 9, 0, 'America/New_York', '2026-03-08T13:00:00.000Z'],
    ['2026-10-31', 9, 0, 'America/New_York', '2026-10-31T13:00:00.000Z'],
    ['2026-11-01', 9, 0, 'America/New_York', '2026-11-01T14:00:00.000Z'],
    // Europe/London: GMT → BST on 2026-03-29, back on 2026-10-25.
    ['2026-03-28', 9, 0, 'Europe/London', '2026-03-28T09:00:00.000Z'],
    ['2026-03-29', 9, 0, 'Europe/London', '2026-03-29T08:00:00.000Z'],
    ['2026-10-24', 9, 0, 'Europe/London', '2026-10-24T08:00:00.000Z'],
    ['2026-10-25', 9, 0, 'Europe/London', '2026-10-25T09:00:00.000Z'],
    // Australia/Sydney: AEDT +11 → AEST +10 on 2026-04-05, back on 2026-10-04.
    ['2026-04-04', 9, 0, 'Australia/Sydney', '2026-04-03T22:00:00.000Z'],
    ['2026-04-05', 9, 0, 'Australia/Sydney', '2026-04-04T23:00:00.000Z'],
    ['2026-10-03', 9, 0, 'Australia/Sydney', '2026-10-02T23:00:00.000Z'],
    ['2026-10-04', 9, 0, 'Australia/Sydney', '2026-10-03T22:00:00.000Z'],
    // Pacific/Chatham: +13:45 → +12:45 on 2026-04-05, back on 2026-09-27.
    ['2026-04-04', 9, 0, 'Pacific/Chatham', '2026-04-03T19:15:00.000Z'],
    ['2026-04-05', 9, 0, 'Pacific/Chatham', '2026-04-04T20:15:00.000Z'],
    ['2026-09-26', 9, 0, 'Pacific/Chatham', '2026-09-25T20:15:00.000Z'],
    ['2026-09-27', 9, 0, 'Pacific/Chatham', '2026-09-26T19:15:00.000Z'],
    // Asia/Kolkata: +05:30 all year.
    ['2026-03-08', 9, 0, 'Asia/Kolkata', '2026-03-08T03:30:00.000Z'],
    ['2026-11-01', 9, 0, 'Asia/Kolkata', '2026-11-01T03:30:00.000Z'],
    // America/Sao_Paulo: no DST since 2019; November used to be summer time (-02).
    ['2026-11-09', 9, 0, 'America/Sao_Paulo', '2026-11-09T12:00:00.000Z'],
    ['2026-07-06', 9, 0, 'America/Sao_Paulo', '2026-07-06T12:00:00.000Z'],
  ])('%s %i:%i in %s is %s', (date, hour, minute, tz, expected) => {
    expect(at(date, hour, minute, tz)).toBe(expected);
  });

  it('does not depend on the real clock', () => {
    // Luxon's own fromObject guesses an ambiguous time's offset from the zone's offset
    // *now*, so a naive version answers differently in summer and in winter.
    try {
      for (const now of ['2026-07-01T00:00:00Z', '2026-12-01T00:00:00Z']) {
        vi.useFakeTimers({ now: new Date(now) });
        expect(at('2026-11-01', 1, 30, 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
        expect(at('2026-04-05', 2, 30, 'Australia/Sydney')).toBe('2026-04-04T15:30:00.000Z');
        expect(at('2026-03-08', 2, 30, 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
        vi.useRealTimers();
      }
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('localToUtc: nonexistent local times move to the next valid minute', () => {
  it.each([
    ['2026-03-08', 2, 30, 'America/New_York', '2026-03-08T07:00:00.000Z', '03:00'],
    ['2026-03-08', 2, 0, 'America/New_York', '2026-03-08T07:00:00.000Z', '03:00'],
    ['2026-03-08', 2, 59, 'America/New_York', '2026-03-08T07:00:00.000Z', '03:00'],
    ['2026-03-29', 1, 30, 'Europe/London', '2026-03-29T01:00:00.000Z', '02:00'],
    ['2026-10-04', 2, 30, 'Australia/Sydney', '2026-10-03T16:00:00.000Z', '03:00'],
    ['2026-09-27', 3, 0, 'Pacific/Chatham', '2026-09-26T14:00:00.000Z', '03:45'],
  ])('%s %i:%i in %s → %s (%s local)', (date, hour, minute, tz, expected, local) => {
    const instant = localToUtc(date, { hour, minute }, tz);
    expect(instant.toISOString()).toBe(expected);
    expect(DateTime.fromJSDate(instant, { zone: tz }).toFormat('yyyy-MM-dd HH:mm')).toBe(`${date} ${local}`);
  });

  it('keeps the minute just before the gap where it is', () => {
    expect(at('2026-03-08', 1, 59, 'America/New_York')).toBe('2026-03-08T06:59:00.000Z');
  });
});

describe('localToUtc: repeated local times resolve to the first instance', () => {
  it.each([
    // First instance is still in summer time (the larger offset).
    ['2026-11-01', 1, 30, 'America/New_York', '2026-11-01T05:30:00.000Z'],
    ['2026-11-01', 1, 0, 'America/New_York', '2026-11-01T05:00:00.000Z'],
    ['2026-10-25', 1, 30, 'Europe/London', '2026-10-25T00:30:00.000Z'],
    ['2026-04-05', 2, 30, 'Australia/Sydney', '2026-04-04T15:30:00.000Z'],
    ['2026-04-05', 2, 45, 'Pacific/Chatham', '2026-04-04T13:00:00.000Z'],
  ])('%s %i:%i in %s → %s', (date, hour, minute, tz, expected) => {
    expect(at(date, hour, minute, tz)).toBe(expected);
  });

  it('the hour after the repeated one is unambiguous again', () => {
    expect(at('2026-11-01', 2, 0, 'America/New_York')).toBe('2026-11-01T07:00:00.000Z');
  });
});

describe('localToUtc: bad input', () => {
  it('rejects unknown zones, impossible dates and times with codes', () => {
    expect(() => at('2026-01-01', 9, 0, 'Mars/Olympus')).toThrow(
      expect.objectContaining({ code: 'time_zone_invalid' }),
    );
    expect(() => at('2026-02-30', 9, 0, 'UTC')).toThrow(expect.objectContaining({ code: 'date_invalid' }));
    expect(() => at('26-1-1', 9, 0, 'UTC')).toThrow(DomainError);
    expect(() => at('2026-01-01', 24, 0, 'UTC')).toThrow(expect.objectContaining({ code: 'time_invalid' }));
    expect(() => at('2026-01-01', 9, 60, 'UTC')).toThrow(expect.objectContaining({ code: 'time_invalid' }));
  });
});

describe('localDateOf / localTimeOf / isValidTimeZone', () => {
  it('gives the member-local date, not the server date', () => {
    const instant = new Date('2026-12-31T23:30:00Z');
    expect(localDateOf(instant, 'UTC')).toBe('2026-12-31');
    expect(localDateOf(instant, 'Pacific/Chatham')).toBe('2027-01-01');
    expect(localDateOf(instant, 'America/New_York')).toBe('2026-12-31');
    expect(localDateOf(new Date('2026-06-30T19:00:00Z'), 'Asia/Kolkata')).toBe('2026-07-01');
    expect(localTimeOf(new Date('2026-06-30T19:00:00Z'), 'Asia/Kolkata')).toEqual({ hour: 0, minute: 30 });
  });

  it('knows IANA zones', () => {
    expect(isValidTimeZone('America/Sao_Paulo')).toBe(true);
    expect(isValidTimeZone('Pacific/Chatham')).toBe(true);
    expect(isValidTimeZone('Not/AZone')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'America/Sao_Paulo',
  'UTC',
] as const;

/** The days on which the zones above change offset in 2026-2027: where the bugs live. */
const TRANSITION_DAYS = [
  '2026-03-08',
  '2026-11-01',
  '2027-03-14',
  '2027-11-07',
  '2026-03-29',
  '2026-10-25',
  '2027-03-28',
  '2027-10-31',
  '2026-04-05',
  '2026-10-04',
  '2027-04-04',
  '2027-10-03',
  '2026-09-27',
  '2027-09-26',
];

const START_2026 = DateTime.fromISO('2026-01-01', { zone: 'utc' });
const anyDate = fc.oneof(
  fc.integer({ min: 0, max: 729 }).map((n) => START_2026.plus({ days: n }).toFormat('yyyy-MM-dd')),
  fc.constantFrom(...TRANSITION_DAYS),
);

describe('localToUtc property', () => {
  it('lands on the same local date, at or after the requested time, within the DST gap', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        anyDate,
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (tz, date, hour, minute) => {
          const instant = localToUtc(date, { hour, minute }, tz);
          const local = DateTime.fromJSDate(instant, { zone: tz });
          expect(local.toFormat('yyyy-MM-dd')).toBe(date);
          const lateBy = local.hour * 60 + local.minute - (hour * 60 + minute);
          expect(lateBy).toBeGreaterThanOrEqual(0);
          // Strictly under an hour except when the request is the gap's very first
          // minute (02:00 on spring-forward day → 03:00, the next valid minute).
          expect(lateBy).toBeLessThanOrEqual(60);
          if (lateBy > 0) {
            // Moved only because the requested time does not exist: the minute before the
            // result is still before the requested wall time (the result is the gap's end).
            const before = DateTime.fromJSDate(new Date(instant.getTime() - 60_000), { zone: tz });
            expect(before.hour * 60 + before.minute).toBeLessThan(hour * 60 + minute);
          }
          // First instance: an hour earlier the clock did not show the same time.
          const hourEarlier = DateTime.fromJSDate(new Date(instant.getTime() - 3_600_000), { zone: tz });
          expect(hourEarlier.toFormat('yyyy-MM-dd HH:mm')).not.toBe(local.toFormat('yyyy-MM-dd HH:mm'));
        },
      ),
      { numRuns: 1500 },
    );
  }, 30_000);
});
