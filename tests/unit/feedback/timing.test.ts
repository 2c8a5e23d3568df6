import { describe, expect, it } from 'vitest';
import {
  closingTime,
  deliveryTime,
  nextWorkMorning,
  reminderTime,
} from '../../../src/domain/feedback/timing.ts';
import { SUNDAY_TO_THURSDAY, type TeamCalendar } from '../../../src/domain/schedules/index.ts';

const WEEKDAYS: TeamCalendar = { workWeek: [1, 2, 3, 4, 5], holidays: [], timeZone: 'UTC' };
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('when feedback DMs go out', () => {
  it('the next work morning is 09:30 local, on a work day, after the moment given', () => {
    // Tuesday 19:00 UTC: 20:00 in London → Wednesday 09:30 BST; 04:00 Wednesday in Tokyo → that morning.
    const ended = new Date('2026-09-15T19:00:00Z');
    expect(iso(nextWorkMorning(ended, 'Europe/London', WEEKDAYS))).toBe('2026-09-16T08:30:00.000Z');
    expect(iso(nextWorkMorning(ended, 'Asia/Tokyo', WEEKDAYS))).toBe('2026-09-16T00:30:00.000Z');
    // Friday evening → Monday; with a Sunday-Thursday week → Sunday.
    const friday = new Date('2026-09-18T17:00:00Z');
    expect(iso(nextWorkMorning(friday, 'Europe/London', WEEKDAYS))).toBe('2026-09-21T08:30:00.000Z');
    const sundayWeek = { ...WEEKDAYS, workWeek: SUNDAY_TO_THURSDAY };
    expect(iso(nextWorkMorning(friday, 'Asia/Jerusalem', sundayWeek))).toBe('2026-09-20T06:30:00.000Z');
    // A holiday is skipped.
    const holiday = { ...WEEKDAYS, holidays: ['2026-09-16'] };
    expect(iso(nextWorkMorning(ended, 'Europe/London', holiday))).toBe('2026-09-17T08:30:00.000Z');
  });

  it('goes at once in working hours, else at the next work morning', () => {
    const wednesday = new Date('2026-09-16T14:00:00Z');
    expect(iso(deliveryTime(wednesday, 'Europe/London', WEEKDAYS))).toBe(wednesday.toISOString());
    expect(iso(deliveryTime(wednesday, 'Asia/Tokyo', WEEKDAYS))).toBe('2026-09-17T00:30:00.000Z');
    expect(iso(deliveryTime(wednesday, 'America/Los_Angeles', WEEKDAYS))).toBe('2026-09-16T16:30:00.000Z');
  });

  it('closes at 17:00 on the due date in the requester’s zone, across DST', () => {
    expect(iso(closingTime('2026-09-23', 'America/New_York'))).toBe('2026-09-23T21:00:00.000Z');
    expect(iso(closingTime('2026-11-02', 'America/New_York'))).toBe('2026-11-02T22:00:00.000Z');
  });

  it('reminds once, halfway, in working hours; not when too close to the close', () => {
    const askedAt = new Date('2026-09-16T14:00:00Z');
    const closesAt = new Date('2026-09-23T21:00:00Z');
    // Halfway is Sunday: Monday 09:30 in Berlin.
    expect(iso(reminderTime({ askedAt, closesAt, tz: 'Europe/Berlin', calendar: WEEKDAYS }))).toBe(
      '2026-09-21T07:30:00.000Z',
    );
    // Due the next day: halfway falls outside working hours, and the next morning is too late.
    const soon = new Date('2026-09-17T08:00:00Z');
    expect(reminderTime({ askedAt, closesAt: soon, tz: 'Europe/Berlin', calendar: WEEKDAYS })).toBeNull();
  });
});
