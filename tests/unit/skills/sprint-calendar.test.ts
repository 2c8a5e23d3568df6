import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import type { Catalog } from '../../../src/domain/skills/catalog.ts';
import {
  sprintCalendar,
  sprintCalendarAt,
  validateSprintStart,
  weekDates,
} from '../../../src/domain/sprints/sprint.ts';

describe('sprint week and phase arithmetic', () => {
  it('counts calendar weeks from the start date: day 1 is week 1, day 71 week 11 (consolidation)', () => {
    expect(sprintCalendar('2026-03-02', '2026-03-02')).toMatchObject({
      week: 1,
      phase: 'learning',
      daysLeft: 84,
    });
    expect(sprintCalendar('2026-03-02', '2026-03-08')).toMatchObject({ week: 1, daysLeft: 78 });
    expect(sprintCalendar('2026-03-02', '2026-03-09')).toMatchObject({ week: 2 });
    expect(sprintCalendar('2026-03-02', '2026-05-10')).toMatchObject({ week: 10, phase: 'learning' });
    expect(sprintCalendar('2026-03-02', '2026-05-11')).toMatchObject({ week: 11, phase: 'consolidation' });
    expect(sprintCalendar('2026-03-02', '2026-05-24')).toMatchObject({
      week: 12,
      phase: 'consolidation',
      daysLeft: 1,
      lastDay: '2026-05-24',
    });
    expect(sprintCalendar('2026-03-02', '2026-05-25')).toMatchObject({
      week: null,
      phase: 'finished',
      daysLeft: 0,
    });
    expect(sprintCalendar('2026-03-02', '2026-02-27')).toMatchObject({
      week: null,
      phase: 'not_started',
      startsInDays: 3,
    });
  });

  it('is not shifted by DST changes in the member’s zone (New York springs forward on 2026-03-08)', () => {
    // 00:30 local on the Monday of week 2, the day after the 23-hour Sunday.
    const mondayNewYork = new Date('2026-03-09T04:30:00Z');
    expect(sprintCalendarAt('2026-03-02', mondayNewYork, 'America/New_York')).toMatchObject({ week: 2 });
    // 23:30 on the Sunday before, after the gap: still week 1.
    const sundayNight = new Date('2026-03-09T03:30:00Z');
    expect(sprintCalendarAt('2026-03-02', sundayNight, 'America/New_York')).toMatchObject({
      week: 1,
      daysLeft: 78,
    });
    // Fall back (2026-11-01, a 25-hour day): 23:59 local that Sunday is still the last day of week 1.
    expect(
      sprintCalendarAt('2026-10-26', new Date('2026-11-02T04:59:00Z'), 'America/New_York'),
    ).toMatchObject({
      week: 1,
    });
    expect(
      sprintCalendarAt('2026-10-26', new Date('2026-11-02T05:00:00Z'), 'America/New_York'),
    ).toMatchObject({
      week: 2,
    });
  });

  it('uses the member’s own date, not UTC’s: the same instant is a different week in Chatham and Honolulu', () => {
    // Monday 00:45 in Chatham (UTC+12:45, the day its DST ended), Sunday 02:00 in Honolulu.
    const instant = new Date('2026-04-05T12:00:00Z');
    expect(sprintCalendarAt('2026-03-30', instant, 'Pacific/Chatham')).toMatchObject({ week: 2 });
    expect(sprintCalendarAt('2026-03-30', instant, 'Pacific/Honolulu')).toMatchObject({ week: 1 });
  });

  it('crosses a year end without losing or adding a day (and leap years)', () => {
    expect(sprintCalendar('2026-12-28', '2027-01-03')).toMatchObject({ week: 1 });
    expect(sprintCalendar('2026-12-28', '2027-01-04')).toMatchObject({ week: 2 });
    expect(sprintCalendar('2026-12-28', '2027-03-21')).toMatchObject({
      week: 12,
      daysLeft: 1,
      lastDay: '2027-03-21',
    });
    expect(sprintCalendar('2027-12-20', '2028-03-12')).toMatchObject({ week: 12, daysLeft: 1 });
    expect(sprintCalendar('2027-12-20', '2028-02-29')).toMatchObject({ week: 11, phase: 'consolidation' });
    // New Year's Eve in Auckland is already 2027 there while UTC is still in 2026.
    expect(
      sprintCalendarAt('2026-12-25', new Date('2026-12-31T12:00:00Z'), 'Pacific/Auckland'),
    ).toMatchObject({
      week: 2,
    });
    expect(weekDates('2026-12-28', 1)).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(weekDates('2026-12-28', 12)).toEqual({ from: '2027-03-15', to: '2027-03-21' });
  });
});

describe('starting a sprint: the form’s rules', () => {
  const catalog: Catalog = {
    domains: [{ id: '1', name: 'Core', position: 0 }],
    skills: ['a', 'b', 'c', 'd'].map((name, i) => ({
      id: String(i + 1),
      domainId: '1',
      name,
      position: i,
      retired: false,
    })),
  };
  catalog.skills.push({ id: '9', domainId: '1', name: 'old', position: 9, retired: true });
  const start = (focal: string[], startDate = '2026-06-01') =>
    validateSprintStart(
      { startDate, focalSkillIds: focal, goals: { 1: ' read the book ', 3: '' } },
      catalog,
      '2026-06-01',
    );
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof DomainError) return { code: e.code, field: e.field };
    }
    return undefined;
  };

  it('takes 2 or 3 focal skills and the weekly goals written', () => {
    expect(start(['1', '2'])).toEqual({
      startDate: '2026-06-01',
      focalSkillIds: ['1', '2'],
      goals: [{ week: 1, goal: 'read the book' }],
    });
    expect(start(['1', '2', '3']).focalSkillIds).toHaveLength(3);
  });

  it('refuses fewer than 2 or more than 3 focal skills, a retired skill, and a start over 30 days ago', () => {
    expect(refusal(() => start(['1']))).toEqual({ code: 'sprint_focus_invalid', field: 'focal_skills' });
    expect(refusal(() => start(['1', '2', '3', '4']))).toEqual({
      code: 'sprint_focus_invalid',
      field: 'focal_skills',
    });
    expect(() => start(['1', '2', '3', '4'])).toThrow(/focus/);
    expect(refusal(() => start(['1', '9']))).toEqual({ code: 'skill_retired', field: 'focal_skills' });
    expect(refusal(() => start(['1', '2'], '2026-05-01'))).toEqual({
      code: 'sprint_start_too_old',
      field: 'start_date',
    });
    expect(start(['1', '2'], '2026-05-02').startDate).toBe('2026-05-02');
  });
});
