import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.ts';
import { type ScheduleAheadPolicy, schedulesAhead, sendJobAt } from '../../../src/outbox/schedule-ahead.ts';

const HOUR = 3_600_000;
const policy: ScheduleAheadPolicy = {
  windowMs: 6 * HOUR,
  minLeadMs: 120_000,
  schedulable: (kind) => kind === 'ritual.reminder',
};
const now = new Date('2026-12-01T04:00:00Z');
const reminder = (dueAt: string, target: 'dm' | 'channel' = 'dm', kind = 'ritual.reminder') => ({
  kind,
  target,
  dueAt: new Date(dueAt),
});

describe('schedule-ahead policy', () => {
  it('arms a reminder due tomorrow morning when its six-hour window opens', () => {
    const row = reminder('2026-12-02T10:00:00Z');
    expect(sendJobAt(policy, row, now).toISOString()).toBe('2026-12-02T04:00:00.000Z');
  });

  it('arms at once when the window has opened, and schedules it then', () => {
    const row = reminder('2026-12-01T09:00:00Z');
    expect(sendJobAt(policy, row, now)).toEqual(now);
    expect(schedulesAhead(policy, row, now)).toBe(true);
  });

  it.each([
    ['due within the minimum lead (an ad-hoc run, a short snooze)', reminder('2026-12-01T04:01:59Z')],
    ['a channel post', reminder('2026-12-01T09:00:00Z', 'channel')],
    ['a kind that did not opt in', reminder('2026-12-01T09:00:00Z', 'dm', 'feedback.ask')],
  ])('%s: posted at its due time, never earlier', (_what, row) => {
    expect(schedulesAhead(policy, row, now)).toBe(false);
    expect(sendJobAt(policy, row, now)).toEqual(row.dueAt);
  });

  it('is off with a window of 0', () => {
    const off = { ...policy, windowMs: 0 };
    const row = reminder('2026-12-01T09:00:00Z');
    expect(schedulesAhead(off, row, now)).toBe(false);
    expect(sendJobAt(off, row, now)).toEqual(row.dueAt);
  });
});

describe('schedule-ahead settings', () => {
  const single = { SLACK_SIGNING_SECRET: 'secret', SLACK_BOT_TOKEN: 'xoxb-1-2-abc' };

  it('defaults to six hours ahead with a two-minute minimum lead', () => {
    expect(loadConfig(single).scheduleAhead).toEqual({ windowMs: 6 * HOUR, minLeadMs: 120_000 });
    expect(loadConfig({ ...single, OUTBOX_SCHEDULE_AHEAD_HOURS: '0' }).scheduleAhead.windowMs).toBe(0);
  });

  it.each([
    ['OUTBOX_SCHEDULE_AHEAD_HOURS', '73'],
    ['OUTBOX_SCHEDULE_AHEAD_HOURS', 'six'],
    ['OUTBOX_SCHEDULE_MIN_LEAD_SECONDS', '1'],
    ['OUTBOX_SCHEDULE_MIN_LEAD_SECONDS', '-5'],
  ])('%s=%s is refused, naming the setting', (name, value) => {
    expect(() => loadConfig({ ...single, [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ...single, [name]: value })).toThrow(name);
  });
});
