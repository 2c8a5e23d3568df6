import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/domain/clock.ts';
import type { OccurrenceRepository } from '../../../src/domain/rituals/occurrence.repository.ts';
import type { Occurrence } from '../../../src/domain/rituals/occurrence.ts';
import type { RitualRepository } from '../../../src/domain/rituals/ritual.repository.ts';
import { createRitualService } from '../../../src/domain/rituals/ritual.service.ts';
import type { Ritual } from '../../../src/domain/rituals/ritual.ts';
import { createRitualTypes } from '../../../src/domain/rituals/ritual-types.ts';

const ritual: Ritual = {
  id: '7',
  teamId: 'T1',
  name: 'contribution',
  channelId: 'C1',
  cadence: { kind: 'monthly_first_workday' },
  localTime: { hour: 10, minute: 0 },
  audience: 'dm',
  timeZone: null,
  paused: false,
  scheduleSince: new Date('2026-01-01T00:00:00Z'),
};

/** `ritual run` with the job system down, then asked again: one stored run, a truthful answer. */
function serviceWith(fanout: () => Promise<void>) {
  const stored: Occurrence[] = [];
  const occurrences = {
    async pendingAdhocSince(ritualId: string, since: Date) {
      return stored.find((o) => o.ritualId === ritualId && o.status === 'planned' && o.fanoutAt >= since);
    },
    async upsertOccurrence(o: {
      ritualId: string;
      teamId: string;
      key: string;
      date: string;
      fanoutAt: Date;
    }) {
      const occurrence: Occurrence = {
        ...o,
        id: String(stored.length + 1),
        kind: 'adhoc',
        status: 'planned',
      };
      stored.push(occurrence);
      return occurrence;
    },
  } as unknown as OccurrenceRepository;
  const rituals = { find: async () => ritual } as unknown as RitualRepository;
  const types = createRitualTypes([
    { ...ritual, name: 'contribution', title: 'Monthly contribution', description: '', runnable: true },
  ]);
  const service = createRitualService({
    rituals,
    occurrences,
    types,
    timers: { fanout, reconcileSoon: async () => {}, recheckScheduled: async () => {} },
    clock: fixedClock(new Date('2026-12-01T10:00:00Z')),
  });
  return { service, stored };
}

describe('ritual run', () => {
  it('with the job system down, stores the run, says it is not armed, and a retry reuses it', async () => {
    const { service, stored } = serviceWith(() => Promise.reject(new Error('redis down')));
    const first = await service.runNow('T1', 'contribution', 'U0ADMIN');
    expect(first).toMatchObject({ reused: false, armed: false });
    const again = await service.runNow('T1', 'contribution', 'U0ADMIN');
    expect(again).toMatchObject({ reused: true, armed: false });
    expect(again.occurrence.id).toBe(first.occurrence.id);
    expect(stored).toHaveLength(1);
  });

  it('arms the run when the job system answers', async () => {
    const { service } = serviceWith(async () => {});
    expect(await service.runNow('T1', 'contribution', 'U0ADMIN')).toMatchObject({
      reused: false,
      armed: true,
    });
  });
});
