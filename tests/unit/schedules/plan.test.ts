import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  type Cadence,
  channelPostAt,
  DEFAULT_WORK_WEEK,
  deliveryDecision,
  type LocalTime,
  planOccurrences,
  snoozeUntil,
  type TeamCalendar,
} from '../../../src/domain/schedules/index.ts';

const NINE: LocalTime = { hour: 9, minute: 0 };
const nyTeam: TeamCalendar = { workWeek: DEFAULT_WORK_WEEK, holidays: [], timeZone: 'America/New_York' };
const local = (instant: Date, tz: string) =>
  DateTime.fromJSDate(instant, { zone: tz }).toFormat('yyyy-MM-dd HH:mm');

describe('planOccurrences', () => {
  it('plans from the TEAM-local today, not the UTC/server date', () => {
    // 02:00 UTC on Tuesday is still Monday evening in New York: Monday is "today".
    const plan = planOccurrences({
      cadence: { kind: 'weekly', weekday: 1 },
      time: NINE,
      team: nyTeam,
      now: new Date('2026-03-10T02:00:00Z'),
      horizonDays: 7,
    });
    expect(plan).toEqual([
      { occurrenceDate: '2026-03-09', key: '2026-03-09' },
      { occurrenceDate: '2026-03-16', key: '2026-03-16' },
    ]);
  });

  it('weekly across the New York fall-back week: exactly one occurrence per week, 09:00 local each', () => {
    for (const weekday of [7, 1] as const) {
      // Sunday = the fall-back day itself, Monday = the day after.
      const cadence: Cadence = { kind: 'weekly', weekday };
      const plan = planOccurrences({
        cadence,
        time: NINE,
        team: { ...nyTeam, workWeek: [1, 2, 3, 4, 5, 6, 7] },
        now: new Date('2026-10-20T12:00:00Z'),
        horizonDays: 27,
      });
      expect(plan).toHaveLength(4);
      expect(new Set(plan.map((p) => p.key)).size).toBe(4);
      const posts = plan.map((p) => channelPostAt(p.occurrenceDate, NINE, nyTeam.timeZone));
      expect(posts.map((p) => local(p, 'America/New_York').slice(11))).toEqual([
        '09:00',
        '09:00',
        '09:00',
        '09:00',
      ]);
      // Consecutive posts are a calendar week apart: 168h, or 169h across the fall-back.
      const gaps = posts.slice(1).map((p, i) => (p.getTime() - (posts[i] as Date).getTime()) / 3_600_000);
      expect(gaps.every((h) => h === 168 || h === 169)).toBe(true);
      expect(gaps.filter((h) => h === 169)).toHaveLength(1);
    }
  });

  it('the fall-back week yields one post on the day itself even at the repeated 01:30', () => {
    const plan = planOccurrences({
      cadence: { kind: 'weekly', weekday: 7 },
      time: { hour: 1, minute: 30 },
      team: nyTeam,
      now: new Date('2026-10-29T12:00:00Z'),
      horizonDays: 6,
    });
    expect(plan).toEqual([{ occurrenceDate: '2026-11-01', key: '2026-11-01' }]);
    expect(channelPostAt('2026-11-01', { hour: 1, minute: 30 }, 'America/New_York').toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });

  it('members in every zone get one delivery per week at 09:00 their time through both transitions', () => {
    const zones = [
      'America/New_York',
      'Europe/London',
      'Australia/Sydney',
      'Pacific/Chatham',
      'Asia/Kolkata',
    ];
    const plan = planOccurrences({
      cadence: { kind: 'weekly', weekday: 1 },
      time: NINE,
      team: nyTeam,
      now: new Date('2026-01-01T12:00:00Z'),
      horizonDays: 364,
    });
    expect(plan).toHaveLength(52);
    for (const tz of zones) {
      const due = plan.map((p) => {
        const d = deliveryDecision({
          occurrenceDate: p.occurrenceDate,
          time: NINE,
          team: nyTeam,
          member: { tz, pausedUntil: null, ooo: [] },
        });
        if (!d.send) throw new Error(d.reason);
        return d.dueAt;
      });
      expect(new Set(due.map((d) => d.getTime())).size).toBe(52);
      expect(due.every((d, i) => local(d, tz) === `${plan[i]?.occurrenceDate} 09:00`)).toBe(true);
    }
  });

  it('crosses the year end (Dec 31 → Jan 1) with date keys', () => {
    const plan = planOccurrences({
      cadence: { kind: 'monthly_day', day: 1 },
      time: NINE,
      team: nyTeam,
      now: new Date('2026-12-31T12:00:00Z'),
      horizonDays: 1,
    });
    expect(plan).toEqual([{ occurrenceDate: '2027-01-01', key: '2027-01-01' }]);
  });

  it('is deterministic: re-planning an overlapping window gives the same keys', () => {
    const input = {
      cadence: { kind: 'biweekly', weekday: 3, anchorDate: '2026-12-16' } as Cadence,
      time: NINE,
      team: nyTeam,
      horizonDays: 30,
    };
    const a = planOccurrences({ ...input, now: new Date('2026-12-20T15:00:00Z') });
    const b = planOccurrences({ ...input, now: new Date('2026-12-29T15:00:00Z') });
    expect(a.map((p) => p.key)).toEqual(['2026-12-30', '2027-01-13']);
    expect(b.map((p) => p.key)).toEqual(['2026-12-30', '2027-01-13', '2027-01-27']);
  });

  it('refuses a negative, fractional or huge horizon', () => {
    for (const horizonDays of [-1, 1.5, 1000]) {
      expect(() =>
        planOccurrences({
          cadence: { kind: 'weekly', weekday: 1 },
          time: NINE,
          team: nyTeam,
          now: new Date('2026-01-01T00:00:00Z'),
          horizonDays,
        }),
      ).toThrow(expect.objectContaining({ code: 'horizon_invalid' }));
    }
  });
});

describe('channelPostAt', () => {
  it('posts at the team-local time', () => {
    expect(channelPostAt('2026-07-06', NINE, 'Europe/London').toISOString()).toBe('2026-07-06T08:00:00.000Z');
    expect(channelPostAt('2026-03-08', { hour: 2, minute: 30 }, 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:00:00.000Z',
    );
  });
});

describe('snoozeUntil', () => {
  it('1h is one elapsed hour, even across the fall-back', () => {
    const now = new Date('2026-11-01T05:30:00Z'); // 01:30 EDT, first instance
    const until = snoozeUntil('1h', now, 'America/New_York', NINE);
    expect(until.toISOString()).toBe('2026-11-01T06:30:00.000Z'); // 01:30 EST, second instance
  });

  it('tomorrow is the same local time the next day across spring-forward (23h later)', () => {
    const now = new Date('2026-03-07T14:05:00Z'); // Sat 09:05 EST
    const until = snoozeUntil('tomorrow', now, 'America/New_York', NINE);
    expect(until.toISOString()).toBe('2026-03-08T13:00:00.000Z');
    expect(local(until, 'America/New_York')).toBe('2026-03-08 09:00');
  });

  it('tomorrow is the same local time the next day across fall-back (25h later)', () => {
    const now = new Date('2026-10-31T13:10:00Z'); // Sat 09:10 EDT
    const until = snoozeUntil('tomorrow', now, 'America/New_York', NINE);
    expect(until.toISOString()).toBe('2026-11-01T14:00:00.000Z');
    expect((until.getTime() - new Date('2026-10-31T13:00:00Z').getTime()) / 3_600_000).toBe(25);
  });

  it('tomorrow is judged on the member-local date, across the year end', () => {
    // 23:30 UTC on Dec 31 is already Jan 1 in Kolkata: tomorrow there is Jan 2.
    const now = new Date('2026-12-31T23:30:00Z');
    expect(local(snoozeUntil('tomorrow', now, 'Asia/Kolkata', NINE), 'Asia/Kolkata')).toBe(
      '2027-01-02 09:00',
    );
    expect(local(snoozeUntil('tomorrow', now, 'America/Sao_Paulo', NINE), 'America/Sao_Paulo')).toBe(
      '2027-01-01 09:00',
    );
  });
});
