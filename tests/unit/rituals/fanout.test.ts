import { describe, expect, it } from 'vitest';
import { planDeliveries } from '../../../src/domain/rituals/fanout.ts';
import type { TeamCalendar } from '../../../src/domain/schedules/index.ts';

const team: TeamCalendar = { workWeek: [1, 2, 3, 4, 5], holidays: ['2026-12-25'], timeZone: 'Europe/Berlin' };
const ten = { hour: 10, minute: 0 };
const member = (
  userId: string,
  tz: string | null,
  extra: Partial<{ pausedUntil: string; ooo: Array<{ from: string; to: string }> }> = {},
) => ({
  userId,
  availability: { tz, pausedUntil: extra.pausedUntil ?? null, ooo: extra.ooo ?? [] },
});

describe('planDeliveries', () => {
  it('puts each member at 10:00 in their own zone, the team zone for those without one', () => {
    const planned = planDeliveries({
      occurrence: { date: '2026-12-01', kind: 'scheduled' },
      time: ten,
      team,
      members: [member('UNY', 'America/New_York'), member('UIN', 'Asia/Kolkata'), member('UNONE', null)],
      now: new Date('2026-11-30T20:00:00Z'),
    });
    expect(planned).toEqual([
      {
        userId: 'UNY',
        send: true,
        dueAt: new Date('2026-12-01T15:00:00Z'),
        localDate: '2026-12-01',
        tz: 'America/New_York',
      },
      {
        userId: 'UIN',
        send: true,
        dueAt: new Date('2026-12-01T04:30:00Z'),
        localDate: '2026-12-01',
        tz: 'Asia/Kolkata',
      },
      {
        userId: 'UNONE',
        send: true,
        dueAt: new Date('2026-12-01T09:00:00Z'),
        localDate: '2026-12-01',
        tz: 'Europe/Berlin',
      },
    ]);
  });

  it('skips holidays, pauses and out-of-office, and records why', () => {
    const planned = planDeliveries({
      occurrence: { date: '2026-12-25', kind: 'scheduled' },
      time: ten,
      team,
      members: [member('U1', 'UTC')],
      now: new Date('2026-12-24T20:00:00Z'),
    });
    expect(planned[0]).toMatchObject({ send: false, reason: 'holiday' });
    const others = planDeliveries({
      occurrence: { date: '2026-12-01', kind: 'scheduled' },
      time: ten,
      team,
      members: [
        member('UP', 'UTC', { pausedUntil: 'forever' }),
        member('UO', 'UTC', { ooo: [{ from: '2026-11-30', to: '2026-12-02' }] }),
      ],
      now: new Date('2026-11-30T20:00:00Z'),
    });
    expect(others.map((p) => (p.send ? 'send' : p.reason))).toEqual(['paused', 'out_of_office']);
  });

  it('records a due time more than 12 hours gone as missed instead of sending it late', () => {
    const planned = planDeliveries({
      occurrence: { date: '2026-12-01', kind: 'scheduled' },
      time: ten,
      team,
      members: [member('UIN', 'Asia/Kolkata'), member('ULA', 'America/Los_Angeles')],
      now: new Date('2026-12-01T17:00:00Z'),
    });
    expect(planned.map((p) => (p.send ? 'send' : p.reason))).toEqual(['missed', 'send']);
  });

  it('an ad-hoc run is due now for everyone not paused or away today in their zone', () => {
    const now = new Date('2026-12-01T23:30:00Z');
    const planned = planDeliveries({
      occurrence: { date: '2026-12-01', kind: 'adhoc' },
      time: ten,
      team,
      // In Auckland it is already 2 December, the first day of this member's time off.
      members: [
        member('UNZ', 'Pacific/Auckland', { ooo: [{ from: '2026-12-02', to: '2026-12-05' }] }),
        member('ULA', 'America/Los_Angeles'),
      ],
      now,
    });
    expect(planned).toEqual([
      {
        userId: 'UNZ',
        send: false,
        reason: 'out_of_office',
        localDate: '2026-12-02',
        tz: 'Pacific/Auckland',
      },
      { userId: 'ULA', send: true, dueAt: now, localDate: '2026-12-01', tz: 'America/Los_Angeles' },
    ]);
  });
});
