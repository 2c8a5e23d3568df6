import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import {
  plainFromSlack,
  summaryFromReply,
  validateSummary,
} from '../../../src/domain/learning-hour/summary.ts';
import { digestAt, reminderDate } from '../../../src/domain/learning-hour/week-schedule.ts';
import { cadenceFromForm, formFromCadence } from '../../../src/domain/rituals/cadence-form.ts';
import type { Occurrence } from '../../../src/domain/rituals/occurrence.ts';
import { stepTiming, workDaysBefore } from '../../../src/domain/rituals/occurrence-steps.ts';
import type { Ritual } from '../../../src/domain/rituals/ritual.ts';
import type { Cadence, TeamCalendar } from '../../../src/domain/schedules/index.ts';
import { presenterNoticeAt } from '../../../src/slack/features/design-review/ritual-type.ts';
import { readThreadMessage } from '../../../src/slack/features/learning-hour/events/message-event.ts';

/** The DomainError a rule throws (fails the test when it returns or throws anything else). */
function domainErrorOf(work: () => unknown): DomainError {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const team: TeamCalendar = { workWeek: [1, 2, 3, 4, 5], holidays: ['2026-12-25'], timeZone: 'Europe/Berlin' };

function ritual(cadence: Cadence, hour = 16): Ritual {
  return {
    id: '1',
    teamId: 'T1',
    name: 'learning-hour',
    channelId: 'C1',
    cadence,
    localTime: { hour, minute: 0 },
    audience: 'channel',
    timeZone: null,
    paused: false,
    scheduleSince: new Date(0),
  };
}
function occurrence(date: string, kind: 'scheduled' | 'adhoc' = 'scheduled', at = new Date(0)): Occurrence {
  return { id: '7', ritualId: '1', teamId: 'T1', key: date, date, kind, status: 'planned', fanoutAt: at };
}

describe('learning summaries', () => {
  it('refuses an empty or invisible summary and one over 3,000 characters, naming the field', () => {
    expect(domainErrorOf(() => validateSummary({ text: '  \n\u200b\u2060 ' }))).toMatchObject({
      code: 'summary_empty',
      field: 'text',
    });
    expect(domainErrorOf(() => validateSummary({ text: 'x'.repeat(3001) }))).toMatchObject({
      code: 'summary_too_long',
    });
    expect(domainErrorOf(() => validateSummary({ text: 'ok', link: 'javascript:alert(1)' }))).toMatchObject({
      field: 'link',
    });
    expect(validateSummary({ text: ` ${'x'.repeat(3000)} `, link: ' https://a.b/c ' })).toEqual({
      body: 'x'.repeat(3000),
      link: 'https://a.b/c',
    });
  });

  it('reads Slack’s escaped text as plain words and links, never as a mention', () => {
    expect(
      plainFromSlack(
        'See <https://a.b/x|the post> &amp; <https://c.d/y> — thanks <@U123|ann> in <#C1|eng> <!here> <!subteam^S1|@devs>',
      ),
    ).toEqual({
      text: 'See the post (https://a.b/x) & https://c.d/y — thanks @ann in #eng @here @devs',
      links: ['https://a.b/x', 'https://c.d/y'],
    });
    expect(summaryFromReply('   ')).toBeUndefined();
    expect(summaryFromReply(`<https://a.b|a.b> ${'y'.repeat(4000)}`)?.body).toMatch(
      /full reply is in the thread\)$/,
    );
    expect(summaryFromReply(`${'y'.repeat(4000)}`)?.body.length).toBe(3000);
  });
});

describe('message events of a learning-hour thread', () => {
  const reply = { type: 'message', channel: 'C1', user: 'U1', ts: '2.0', thread_ts: '1.0', text: 'hi' };
  it('reads replies, edits and deletions; ignores bots, top-level messages and other subtypes', () => {
    expect(readThreadMessage(reply)).toEqual({
      kind: 'posted',
      channelId: 'C1',
      userId: 'U1',
      ts: '2.0',
      threadTs: '1.0',
      text: 'hi',
    });
    expect(readThreadMessage({ ...reply, thread_ts: undefined })).toBeUndefined();
    expect(readThreadMessage({ ...reply, thread_ts: '2.0' })).toBeUndefined();
    expect(readThreadMessage({ ...reply, bot_id: 'B1' })).toBeUndefined();
    expect(readThreadMessage({ ...reply, subtype: 'channel_join' })).toBeUndefined();
    expect(readThreadMessage({ ...reply, subtype: 'thread_broadcast' })?.kind).toBe('posted');
    expect(
      readThreadMessage({
        type: 'message',
        subtype: 'message_changed',
        channel: 'C1',
        message: { ...reply, text: 'new' },
      }),
    ).toEqual({ kind: 'edited', channelId: 'C1', ts: '2.0', text: 'new' });
    expect(
      readThreadMessage({
        type: 'message',
        subtype: 'message_changed',
        channel: 'C1',
        message: { ...reply, bot_id: 'B' },
      }),
    ).toBeUndefined();
    expect(
      readThreadMessage({
        type: 'message',
        subtype: 'message_deleted',
        channel: 'C1',
        deleted_ts: '2.0',
        previous_message: reply,
      }),
    ).toEqual({ kind: 'deleted', channelId: 'C1', ts: '2.0' });
    expect(
      readThreadMessage({
        type: 'message',
        subtype: 'message_deleted',
        channel: 'C1',
        deleted_ts: '1.0',
        previous_message: { type: 'message', user: 'U1', ts: '1.0' },
      }),
    ).toBeUndefined();
  });
});

describe('when a week’s steps run', () => {
  it('the digest is the day before the next thread, same time, in the channel’s zone', () => {
    const timing = stepTiming(occurrence('2026-12-03'), ritual({ kind: 'weekly', weekday: 4 }), team);
    expect(digestAt(timing).toISOString()).toBe('2026-12-09T15:00:00.000Z');
    // Reminders on the last work day before it, at the members' own 16:00.
    expect(reminderDate(timing)).toBe('2026-12-08');
  });

  it('an ad-hoc thread close to the next one is digested a cycle later; a short week has no reminder', () => {
    // Wednesday 10:00 Berlin, weekly on Thursday: tomorrow's thread is under a day away.
    const run = occurrence('2026-12-02', 'adhoc', new Date('2026-12-02T09:00:00Z'));
    const timing = stepTiming(run, ritual({ kind: 'weekly', weekday: 4 }), team);
    expect(digestAt(timing).toISOString()).toBe('2026-12-09T15:00:00.000Z');
    // Friday's ad-hoc thread, weekly on Monday: digest on Sunday, and no work day in between.
    const friday = occurrence('2026-12-04', 'adhoc', new Date('2026-12-04T09:00:00Z'));
    const short = stepTiming(friday, ritual({ kind: 'weekly', weekday: 1 }), team);
    expect(digestAt(short).toISOString()).toBe('2026-12-06T15:00:00.000Z');
    expect(reminderDate(short)).toBeUndefined();
  });

  it('the presenter hears three work days ahead, skipping weekends and holidays', () => {
    expect(workDaysBefore('2026-12-09', 3, team)).toBe('2026-12-04');
    expect(workDaysBefore('2026-12-29', 3, team)).toBe('2026-12-23');
    const timing = stepTiming(
      occurrence('2026-12-09'),
      ritual({ kind: 'biweekly', weekday: 3, anchorDate: '2026-01-07' }, 14),
      team,
    );
    expect(presenterNoticeAt(timing).toISOString()).toBe('2026-12-04T13:00:00.000Z');
    // A session run by hand: its notice time has passed, so the presenter is told at once.
    const now = new Date('2026-12-09T12:00:00Z');
    const adhoc = presenterNoticeAt(stepTiming(occurrence('2026-12-09', 'adhoc', now), timing.ritual, team));
    expect(adhoc.getTime()).toBeLessThanOrEqual(now.getTime());
  });
});

describe('the setup modal’s schedule pickers', () => {
  it('build each cadence and name the missing picker', () => {
    const form = { frequency: '', weekday: '', nth: '', day: '', anchor: '' };
    expect(cadenceFromForm({ ...form, frequency: 'weekly', weekday: '4' }, '2026-12-01')).toEqual({
      kind: 'weekly',
      weekday: 4,
    });
    expect(cadenceFromForm({ ...form, frequency: 'biweekly', weekday: '3' }, '2026-12-01')).toEqual({
      kind: 'biweekly',
      weekday: 3,
      anchorDate: '2026-12-01',
    });
    expect(
      cadenceFromForm({ ...form, frequency: 'monthly_nth_weekday', weekday: '5', nth: '-1' }, '2026-12-01'),
    ).toEqual({
      kind: 'monthly_nth_weekday',
      nth: -1,
      weekday: 5,
    });
    expect(
      domainErrorOf(() => cadenceFromForm({ ...form, frequency: 'weekly' }, '2026-12-01')),
    ).toMatchObject({ field: 'weekday' });
    expect(
      domainErrorOf(() => cadenceFromForm({ ...form, frequency: 'monthly_day' }, '2026-12-01')),
    ).toMatchObject({ field: 'day' });
    expect(domainErrorOf(() => cadenceFromForm(form, '2026-12-01'))).toMatchObject({ field: 'frequency' });
    for (const cadence of [
      { kind: 'monthly_first_workday' },
      { kind: 'monthly_day', day: 31 },
      { kind: 'biweekly', weekday: 3, anchorDate: '2026-01-07' },
    ] as Cadence[]) {
      const back = formFromCadence(cadence);
      expect(cadenceFromForm({ ...form, ...back }, '2026-12-01')).toEqual(cadence);
    }
  });
});
