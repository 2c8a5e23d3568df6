import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WORK_WEEK,
  deliveryDecision,
  type LocalTime,
  type MemberAvailability,
  SUNDAY_TO_THURSDAY,
  type TeamCalendar,
} from '../../../src/domain/schedules/index.ts';

const NINE: LocalTime = { hour: 9, minute: 0 };
const team: TeamCalendar = { workWeek: DEFAULT_WORK_WEEK, holidays: [], timeZone: 'America/New_York' };
const member = (over: Partial<MemberAvailability> = {}): MemberAvailability => ({
  tz: null,
  pausedUntil: null,
  ooo: [],
  ...over,
});

const dueIso = (occurrenceDate: string, tz: string | null, t: TeamCalendar = team): string => {
  const decision = deliveryDecision({ occurrenceDate, time: NINE, team: t, member: member({ tz }) });
  if (!decision.send) throw new Error(`expected a delivery, got ${decision.reason}`);
  return decision.dueAt.toISOString();
};

describe('deliveryDecision: member-local due times across both DST transitions', () => {
  it.each([
    // Mondays either side of each 2026 transition, 09:00 in the member's own zone.
    ['America/New_York', '2026-03-02', '2026-03-02T14:00:00.000Z'],
    ['America/New_York', '2026-03-09', '2026-03-09T13:00:00.000Z'],
    ['America/New_York', '2026-10-26', '2026-10-26T13:00:00.000Z'],
    ['America/New_York', '2026-11-02', '2026-11-02T14:00:00.000Z'],
    ['Europe/London', '2026-03-23', '2026-03-23T09:00:00.000Z'],
    ['Europe/London', '2026-03-30', '2026-03-30T08:00:00.000Z'],
    ['Europe/London', '2026-10-19', '2026-10-19T08:00:00.000Z'],
    ['Europe/London', '2026-10-26', '2026-10-26T09:00:00.000Z'],
    ['Australia/Sydney', '2026-03-30', '2026-03-29T22:00:00.000Z'],
    ['Australia/Sydney', '2026-04-06', '2026-04-05T23:00:00.000Z'],
    ['Australia/Sydney', '2026-09-28', '2026-09-27T23:00:00.000Z'],
    ['Australia/Sydney', '2026-10-05', '2026-10-04T22:00:00.000Z'],
    ['Pacific/Chatham', '2026-03-30', '2026-03-29T19:15:00.000Z'],
    ['Pacific/Chatham', '2026-04-06', '2026-04-05T20:15:00.000Z'],
    ['Pacific/Chatham', '2026-09-21', '2026-09-20T20:15:00.000Z'],
    ['Pacific/Chatham', '2026-09-28', '2026-09-27T19:15:00.000Z'],
    ['Asia/Kolkata', '2026-03-09', '2026-03-09T03:30:00.000Z'],
    ['Asia/Kolkata', '2026-11-02', '2026-11-02T03:30:00.000Z'],
    // São Paulo used to switch to -02 in early November; since 2019 it stays at -03.
    ['America/Sao_Paulo', '2026-11-02', '2026-11-02T12:00:00.000Z'],
    ['America/Sao_Paulo', '2026-11-09', '2026-11-09T12:00:00.000Z'],
  ])('%s, %s 09:00 local → %s', (tz, date, expected) => {
    const decision = deliveryDecision({ occurrenceDate: date, time: NINE, team, member: member({ tz }) });
    expect(decision).toEqual({ send: true, dueAt: new Date(expected), localDate: date, tz });
    expect(DateTime.fromISO(expected, { zone: tz }).toFormat('yyyy-MM-dd HH:mm')).toBe(`${date} 09:00`);
  });

  it('falls back to the team zone when the member has none (or an unknown one)', () => {
    expect(dueIso('2026-03-09', null)).toBe('2026-03-09T13:00:00.000Z');
    const decision = deliveryDecision({
      occurrenceDate: '2026-03-09',
      time: NINE,
      team,
      member: member({ tz: 'Atlantis/Lost' }),
    });
    expect(decision).toMatchObject({ send: true, tz: 'America/New_York' });
  });

  it('is not the server time: same occurrence, different members, different instants', () => {
    expect(dueIso('2026-06-01', 'Asia/Kolkata')).toBe('2026-06-01T03:30:00.000Z');
    expect(dueIso('2026-06-01', 'America/New_York')).toBe('2026-06-01T13:00:00.000Z');
    expect(dueIso('2026-06-01', 'Europe/London')).toBe('2026-06-01T08:00:00.000Z');
  });

  it('a reminder at a nonexistent local time still goes out once, at the end of the gap', () => {
    const decision = deliveryDecision({
      occurrenceDate: '2026-03-08',
      time: { hour: 2, minute: 30 },
      team: { ...team, workWeek: [7] },
      member: member({ tz: 'America/New_York' }),
    });
    expect(decision).toMatchObject({ send: true, dueAt: new Date('2026-03-08T07:00:00Z') });
  });
});

describe('deliveryDecision: skips', () => {
  it('skips days outside a Monday-Friday work week', () => {
    expect(deliveryDecision({ occurrenceDate: '2026-03-07', time: NINE, team, member: member() })).toEqual({
      send: false,
      reason: 'non_work_day',
    });
    expect(deliveryDecision({ occurrenceDate: '2026-03-08', time: NINE, team, member: member() })).toEqual({
      send: false,
      reason: 'non_work_day',
    });
  });

  it('honours a Sunday-Thursday work week', () => {
    const sunThu: TeamCalendar = { workWeek: SUNDAY_TO_THURSDAY, holidays: [], timeZone: 'Asia/Jerusalem' };
    const decide = (date: string) =>
      deliveryDecision({ occurrenceDate: date, time: NINE, team: sunThu, member: member() });
    // 2026-03-06 Fri, 03-07 Sat, 03-08 Sun, 03-12 Thu.
    expect(decide('2026-03-06')).toEqual({ send: false, reason: 'non_work_day' });
    expect(decide('2026-03-07')).toEqual({ send: false, reason: 'non_work_day' });
    expect(decide('2026-03-08')).toMatchObject({ send: true, localDate: '2026-03-08', tz: 'Asia/Jerusalem' });
    expect(decide('2026-03-12')).toMatchObject({ send: true });
  });

  it('skips team holidays, including across the year end', () => {
    const withHolidays: TeamCalendar = { ...team, holidays: ['2026-12-31', '2027-01-01'] };
    const decide = (date: string) =>
      deliveryDecision({ occurrenceDate: date, time: NINE, team: withHolidays, member: member() });
    expect(decide('2026-12-30')).toMatchObject({ send: true });
    expect(decide('2026-12-31')).toEqual({ send: false, reason: 'holiday' });
    expect(decide('2027-01-01')).toEqual({ send: false, reason: 'holiday' });
    expect(decide('2027-01-04')).toMatchObject({ send: true });
  });

  it('a non-work day is reported before a holiday on the same day', () => {
    const withHoliday: TeamCalendar = { ...team, holidays: ['2026-03-07'] };
    expect(
      deliveryDecision({ occurrenceDate: '2026-03-07', time: NINE, team: withHoliday, member: member() }),
    ).toEqual({ send: false, reason: 'non_work_day' });
  });

  it('skips while paused (inclusive end date, or forever)', () => {
    const decide = (date: string, pausedUntil: string | null) =>
      deliveryDecision({ occurrenceDate: date, time: NINE, team, member: member({ pausedUntil }) });
    expect(decide('2026-03-09', '2026-03-09')).toEqual({ send: false, reason: 'paused' });
    expect(decide('2026-03-10', '2026-03-09')).toMatchObject({ send: true });
    expect(decide('2031-01-06', 'forever')).toEqual({ send: false, reason: 'paused' });
    expect(decide('2026-03-09', null)).toMatchObject({ send: true });
  });

  it('skips while out of office (inclusive ranges)', () => {
    const ooo = [
      { from: '2026-12-28', to: '2027-01-08' },
      { from: '2026-03-10', to: '2026-03-10' },
    ];
    const decide = (date: string) =>
      deliveryDecision({ occurrenceDate: date, time: NINE, team, member: member({ ooo }) });
    expect(decide('2026-12-25')).toMatchObject({ send: true });
    expect(decide('2026-12-28')).toEqual({ send: false, reason: 'out_of_office' });
    expect(decide('2027-01-08')).toEqual({ send: false, reason: 'out_of_office' });
    expect(decide('2027-01-11')).toMatchObject({ send: true });
    expect(decide('2026-03-10')).toEqual({ send: false, reason: 'out_of_office' });
    expect(decide('2026-03-11')).toMatchObject({ send: true });
  });

  it('refuses malformed input rather than guessing', () => {
    expect(() =>
      deliveryDecision({ occurrenceDate: '2026-02-29', time: NINE, team, member: member() }),
    ).toThrow(expect.objectContaining({ code: 'date_invalid' }));
    expect(() =>
      deliveryDecision({
        occurrenceDate: '2026-03-09',
        time: NINE,
        team: { ...team, timeZone: 'Nowhere/Zone' },
        member: member(),
      }),
    ).toThrow(expect.objectContaining({ code: 'time_zone_invalid' }));
  });
});
