import { describe, expect, it } from 'vitest';
import {
  type Cadence,
  occurrenceDates,
  parseLocalTime,
  SUNDAY_TO_THURSDAY,
  validateCadence,
} from '../../../src/domain/schedules/index.ts';

describe('occurrenceDates', () => {
  it('weekly: one date per week on the weekday, inclusive bounds', () => {
    expect(occurrenceDates({ kind: 'weekly', weekday: 1 }, '2026-03-02', '2026-03-30')).toEqual([
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
      '2026-03-23',
      '2026-03-30',
    ]);
  });

  it('weekly across a year end (Dec 31 → Jan 1)', () => {
    expect(occurrenceDates({ kind: 'weekly', weekday: 4 }, '2026-12-25', '2027-01-10')).toEqual([
      '2026-12-31',
      '2027-01-07',
    ]);
    expect(occurrenceDates({ kind: 'weekly', weekday: 5 }, '2026-12-31', '2027-01-01')).toEqual([
      '2027-01-01',
    ]);
  });

  it('returns nothing for an empty or reversed range', () => {
    expect(occurrenceDates({ kind: 'weekly', weekday: 1 }, '2026-03-03', '2026-03-08')).toEqual([]);
    expect(occurrenceDates({ kind: 'weekly', weekday: 1 }, '2026-03-09', '2026-03-02')).toEqual([]);
  });

  it('biweekly: anchored on the ISO week of anchorDate, stable across a year end', () => {
    // 2026-12-16 is a Wednesday; anchor on the Sunday ending that week.
    const cadence: Cadence = { kind: 'biweekly', weekday: 3, anchorDate: '2026-12-20' };
    expect(occurrenceDates(cadence, '2026-11-20', '2027-02-05')).toEqual([
      '2026-12-02',
      '2026-12-16',
      '2026-12-30',
      '2027-01-13',
      '2027-01-27',
    ]);
    // Same rotation whatever window we ask for: no drift when planning starts mid-rotation.
    expect(occurrenceDates(cadence, '2027-01-01', '2027-01-31')).toEqual(['2027-01-13', '2027-01-27']);
  });

  it('biweekly: a year with ISO week 53 does not shift the rotation', () => {
    // 2026 has 53 ISO weeks; counting by ISO week *numbers* would break the parity here.
    const cadence: Cadence = { kind: 'biweekly', weekday: 1, anchorDate: '2026-12-21' };
    expect(occurrenceDates(cadence, '2026-12-14', '2027-01-20')).toEqual([
      '2026-12-21',
      '2027-01-04',
      '2027-01-18',
    ]);
  });

  it('monthly_day 31 clamps to the end of short months, including leap February', () => {
    expect(occurrenceDates({ kind: 'monthly_day', day: 31 }, '2026-01-01', '2026-05-31')).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
    ]);
    expect(occurrenceDates({ kind: 'monthly_day', day: 30 }, '2028-02-01', '2028-03-31')).toEqual([
      '2028-02-29',
      '2028-03-30',
    ]);
    expect(occurrenceDates({ kind: 'monthly_day', day: 1 }, '2026-12-01', '2027-01-31')).toEqual([
      '2026-12-01',
      '2027-01-01',
    ]);
  });

  it('monthly_nth_weekday: last Friday, first Monday, and a fifth that some months lack', () => {
    expect(
      occurrenceDates({ kind: 'monthly_nth_weekday', nth: -1, weekday: 5 }, '2026-01-01', '2026-06-30'),
    ).toEqual(['2026-01-30', '2026-02-27', '2026-03-27', '2026-04-24', '2026-05-29', '2026-06-26']);
    expect(
      occurrenceDates({ kind: 'monthly_nth_weekday', nth: 1, weekday: 1 }, '2026-11-01', '2027-02-28'),
    ).toEqual(['2026-11-02', '2026-12-07', '2027-01-04', '2027-02-01']);
    // Fifth Thursday: only months that have one.
    expect(
      occurrenceDates({ kind: 'monthly_nth_weekday', nth: 5, weekday: 4 }, '2026-01-01', '2026-06-30'),
    ).toEqual(['2026-01-29', '2026-04-30']);
  });

  it('monthly_first_workday follows the work week (Mon-Fri by default, Sun-Thu when set)', () => {
    // 2026-08-01 is a Saturday, 2026-11-01 a Sunday, 2027-01-01 a Friday.
    expect(occurrenceDates({ kind: 'monthly_first_workday' }, '2026-08-01', '2026-08-31')).toEqual([
      '2026-08-03',
    ]);
    expect(occurrenceDates({ kind: 'monthly_first_workday' }, '2026-11-01', '2026-11-30')).toEqual([
      '2026-11-02',
    ]);
    expect(occurrenceDates({ kind: 'monthly_first_workday' }, '2026-12-15', '2027-01-31')).toEqual([
      '2027-01-01',
    ]);
    expect(
      occurrenceDates({ kind: 'monthly_first_workday' }, '2026-08-01', '2026-11-30', SUNDAY_TO_THURSDAY),
    ).toEqual(['2026-08-02', '2026-09-01', '2026-10-01', '2026-11-01']);
    // Sun-Thu: Friday 2027-01-01 and Saturday the 2nd are the weekend.
    expect(
      occurrenceDates({ kind: 'monthly_first_workday' }, '2026-12-15', '2027-01-31', SUNDAY_TO_THURSDAY),
    ).toEqual(['2027-01-03']);
  });

  it('monthly_first_workday is not moved by holidays (deliveryDecision skips it instead)', () => {
    // occurrenceDates has no holiday input at all: Jan 1 stays the first workday.
    expect(occurrenceDates({ kind: 'monthly_first_workday' }, '2027-01-01', '2027-01-31')).toEqual([
      '2027-01-01',
    ]);
  });

  it('refuses bad ranges and cadences', () => {
    expect(() => occurrenceDates({ kind: 'weekly', weekday: 1 }, '2026-01-01', '2040-01-01')).toThrow(
      expect.objectContaining({ code: 'date_range_invalid' }),
    );
    expect(() => occurrenceDates({ kind: 'weekly', weekday: 1 }, '2026-13-01', '2026-12-31')).toThrow(
      expect.objectContaining({ code: 'date_invalid' }),
    );
    expect(() => occurrenceDates({ kind: 'monthly_first_workday' }, '2026-01-01', '2026-01-31', [])).toThrow(
      expect.objectContaining({ code: 'work_week_invalid' }),
    );
  });
});

describe('parseLocalTime', () => {
  it.each([
    ['09:30', { hour: 9, minute: 30 }],
    ['9:05', { hour: 9, minute: 5 }],
    [' 17:00 ', { hour: 17, minute: 0 }],
    ['00:00', { hour: 0, minute: 0 }],
    ['23:59', { hour: 23, minute: 59 }],
    ['9h30', { hour: 9, minute: 30 }],
  ])('reads %j', (text, expected) => {
    expect(parseLocalTime(text)).toEqual(expected);
  });

  it.each(['24:00', '12:60', '9', '9:5', '9:30pm', 'noon', '', '-1:00', '09:30:00'])('refuses %j', (text) => {
    expect(() => parseLocalTime(text)).toThrow(
      expect.objectContaining({ name: 'DomainError', code: 'time_invalid', field: 'time' }),
    );
  });

  it('says how to write it', () => {
    expect(() => parseLocalTime('9:30pm')).toThrow(/24-hour clock, like 09:30/);
  });
});

describe('validateCadence', () => {
  it.each<Cadence>([
    { kind: 'weekly', weekday: 7 },
    { kind: 'biweekly', weekday: 2, anchorDate: '2026-01-05' },
    { kind: 'monthly_nth_weekday', nth: -1, weekday: 5 },
    { kind: 'monthly_day', day: 31 },
    { kind: 'monthly_first_workday' },
  ])('accepts %j', (cadence) => {
    expect(() => validateCadence(cadence)).not.toThrow();
  });

  it.each<[unknown, string]>([
    [null, 'cadence'],
    [{ kind: 'daily' }, 'cadence'],
    [{ kind: 'weekly', weekday: 0 }, 'weekday'],
    [{ kind: 'weekly', weekday: 8 }, 'weekday'],
    [{ kind: 'weekly', weekday: '1' }, 'weekday'],
    [{ kind: 'biweekly', weekday: 1, anchorDate: '2026-02-30' }, 'anchor'],
    [{ kind: 'biweekly', weekday: 1 }, 'anchor'],
    [{ kind: 'monthly_nth_weekday', nth: 0, weekday: 1 }, 'nth'],
    [{ kind: 'monthly_nth_weekday', nth: 6, weekday: 1 }, 'nth'],
    [{ kind: 'monthly_day', day: 0 }, 'day'],
    [{ kind: 'monthly_day', day: 32 }, 'day'],
    [{ kind: 'monthly_day', day: 1.5 }, 'day'],
  ])('refuses %j (field %s)', (cadence, field) => {
    expect(() => validateCadence(cadence)).toThrow(
      expect.objectContaining({ code: 'cadence_invalid', field }),
    );
  });
});
