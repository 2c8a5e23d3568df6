import { describe, expect, it } from 'vitest';
import { validateContribution } from '../../../src/domain/portfolio/contribution.ts';
import { cadenceToText, parseCadenceText } from '../../../src/domain/rituals/cadence-text.ts';
import { parseOooArgs, parsePauseArgs } from '../../../src/domain/rituals/member-commands.ts';
import { describeSchedule, fanoutAt } from '../../../src/domain/rituals/ritual.ts';
import { createRitualTypes, type RitualType } from '../../../src/domain/rituals/ritual-types.ts';
import { parseHolidayLines, validateTeamCalendar } from '../../../src/domain/rituals/team-calendar.ts';
import { localToUtc } from '../../../src/domain/schedules/index.ts';

describe('schedule text of the ritual setup modal', () => {
  it.each([
    ['first workday', { kind: 'monthly_first_workday' }],
    ['First work day', { kind: 'monthly_first_workday' }],
    ['day 15', { kind: 'monthly_day', day: 15 }],
    ['last friday', { kind: 'monthly_nth_weekday', nth: -1, weekday: 5 }],
    ['2nd tue', { kind: 'monthly_nth_weekday', nth: 2, weekday: 2 }],
    ['weekly thursday', { kind: 'weekly', weekday: 4 }],
    ['biweekly wednesday from 2026-01-07', { kind: 'biweekly', weekday: 3, anchorDate: '2026-01-07' }],
  ])('%s', (text, cadence) => {
    const parsed = parseCadenceText(text);
    expect(parsed).toEqual(cadence);
    expect(parseCadenceText(cadenceToText(parsed))).toEqual(parsed);
  });

  it.each(['every blue moon', 'day 32', 'weekly someday', 'biweekly monday from yesterday', ''])(
    'refuses %j with examples, on the cadence field',
    (text) => {
      expect(() => parseCadenceText(text)).toThrowError(
        expect.objectContaining({ code: 'cadence_invalid', field: 'cadence' }),
      );
    },
  );
});

describe('pause and out-of-office arguments', () => {
  const today = '2026-11-27';
  it('pause without a date is until resumed; with a date, today or later within a year', () => {
    expect(parsePauseArgs([], today)).toBe('forever');
    expect(parsePauseArgs(['until', '2026-11-27'], today)).toBe('2026-11-27');
    expect(parsePauseArgs(['UNTIL', '2027-06-01'], today)).toBe('2027-06-01');
    expect(() => parsePauseArgs(['until', '2026-11-26'], today)).toThrow(/in the past/);
    expect(() => parsePauseArgs(['until', '2026-02-30'], today)).toThrow(/not a date/);
    expect(() => parsePauseArgs(['2026-12-01'], today)).toThrow(/pause until 2026-12-31/);
    expect(() => parsePauseArgs(['until', '2028-01-01'], today)).toThrow(/at most a year/);
  });

  it('ooo needs two real dates in order, not all in the past, at most six months', () => {
    expect(parseOooArgs(['2026-12-20', '2027-01-03'], today)).toEqual({
      from: '2026-12-20',
      to: '2027-01-03',
    });
    expect(parseOooArgs(['2026-11-01', '2026-11-27'], today)).toEqual({
      from: '2026-11-01',
      to: '2026-11-27',
    });
    expect(() => parseOooArgs(['2026-12-20'], today)).toThrow(/needs a first and a last day/);
    expect(() => parseOooArgs(['2027-01-03', '2026-12-20'], today)).toThrow(/before the first/);
    expect(() => parseOooArgs(['2026-10-01', '2026-10-05'], today)).toThrow(/already over/);
    expect(() => parseOooArgs(['2026-12-01', '2027-08-01'], today)).toThrow(/6 months/);
    expect(() => parseOooArgs(['xmas', '2027-01-03'], today)).toThrow(/not a date/);
  });
});

describe('team calendar', () => {
  it('accepts a Sunday-Thursday week, an IANA zone and named holidays', () => {
    expect(
      validateTeamCalendar({
        workDays: ['7', '1', '2', '3', '4'],
        timeZone: 'Asia/Jerusalem',
        holidays: '2026-12-25 Christmas\n\n2026-12-24',
      }),
    ).toEqual({
      workWeek: [1, 2, 3, 4, 7],
      timeZone: 'Asia/Jerusalem',
      holidays: [
        { day: '2026-12-24', name: '' },
        { day: '2026-12-25', name: 'Christmas' },
      ],
    });
  });

  it('names the offending field', () => {
    expect(() => validateTeamCalendar({ workDays: [], timeZone: 'UTC', holidays: '' })).toThrowError(
      expect.objectContaining({ field: 'work_week' }),
    );
    expect(() => validateTeamCalendar({ workDays: ['1'], timeZone: 'Mars/Base', holidays: '' })).toThrowError(
      expect.objectContaining({ field: 'time_zone' }),
    );
    expect(() => parseHolidayLines('Christmas 2026-12-25')).toThrowError(
      expect.objectContaining({ field: 'holidays' }),
    );
    expect(() => parseHolidayLines('2026-13-01 Nope')).toThrow(/Line 1/);
  });
});

const base: Omit<RitualType, 'name' | 'runnable'> = {
  title: 'T',
  description: 'd',
  cadence: { kind: 'monthly_first_workday' },
  localTime: { hour: 10, minute: 0 },
  audience: 'dm',
};

describe('rituals', () => {
  it('parses names and says why a ritual cannot run', () => {
    const types = createRitualTypes([
      { ...base, name: 'contribution', runnable: true },
      { ...base, name: 'learning-hour', runnable: false },
    ]);
    expect(types.parse('Contribution', 'x').name).toBe('contribution');
    expect(() => types.parse('standup', '/careerplan ritual run contribution')).toThrow(
      /`standup` is not a ritual. Rituals: `contribution`, `learning-hour`/,
    );
    expect(types.whyNotRunnable({ name: 'contribution', channelId: null })).toMatch(/ritual setup/);
    expect(types.whyNotRunnable({ name: 'contribution', channelId: 'C1' })).toBeUndefined();
    expect(types.whyNotRunnable({ name: 'learning-hour', channelId: 'C1' })).toMatch(/coming soon/);
    expect(types.runnableNames()).toEqual(['contribution']);
    expect(() => types.register({ ...base, name: 'contribution', runnable: true })).toThrow(/twice/);
  });

  it('describes schedules in words', () => {
    expect(describeSchedule({ kind: 'monthly_first_workday' }, { hour: 10, minute: 0 })).toBe(
      'the first work day of the month at 10:00',
    );
    expect(
      describeSchedule({ kind: 'monthly_nth_weekday', nth: -1, weekday: 5 }, { hour: 9, minute: 5 }),
    ).toBe('the last Friday of the month at 09:05');
  });

  it('fans out when the earliest zone on Earth reaches the local time, before anyone is due', () => {
    const at = fanoutAt('2026-12-01', { hour: 10, minute: 0 });
    expect(at.toISOString()).toBe('2026-11-30T20:00:00.000Z');
    for (const tz of [
      'Pacific/Chatham',
      'Pacific/Auckland',
      'Asia/Kolkata',
      'UTC',
      'Pacific/Pago_Pago',
      'America/Adak',
    ]) {
      expect(localToUtc('2026-12-01', { hour: 10, minute: 0 }, tz).getTime()).toBeGreaterThanOrEqual(
        at.getTime(),
      );
    }
  });
});

describe('contribution', () => {
  const good = {
    kind: 'feature',
    title: ' New export ',
    link: 'https://example.com/pr/1',
    impact: 'Teams export plans.',
  };
  it('trims and keeps what was typed', () => {
    expect(validateContribution(good)).toEqual({
      kind: 'feature',
      title: 'New export',
      link: 'https://example.com/pr/1',
      impact: 'Teams export plans.',
    });
    expect(validateContribution({ ...good, link: '' }).link).toBeNull();
  });
  it.each([
    [{ kind: 'meeting' }, 'kind'],
    [{ title: '' }, 'title'],
    [{ title: 'x'.repeat(151) }, 'title'],
    [{ link: 'ftp://x' }, 'link'],
    [{ impact: ' ' }, 'impact'],
    [{ impact: 'x'.repeat(501) }, 'impact'],
  ])('%o fails on %s', (patch, field) => {
    expect(() => validateContribution({ ...good, ...patch })).toThrowError(
      expect.objectContaining({ field }),
    );
  });
});
