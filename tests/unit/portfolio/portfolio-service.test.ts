import { beforeEach, describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../../src/domain/activity/activity.ts';
import { fixedClock } from '../../../src/domain/clock.ts';
import type { PlanOwner } from '../../../src/domain/plans/records.ts';
import type { Artifact, ArtifactFields } from '../../../src/domain/portfolio/artifact.ts';
import {
  createPortfolioService,
  type PortfolioService,
  type PortfolioWrites,
} from '../../../src/domain/portfolio/portfolio.service.ts';
import { rejection } from '../plans/support/domain-error.ts';

const ALICE: PlanOwner = { teamId: 'T1', userId: 'UA', tz: 'America/New_York' };
const BOB: PlanOwner = { teamId: 'T1', userId: 'UB', tz: 'UTC' };

/** The portfolio and activity tables as plain data; a failed unit of work leaves them unchanged. */
function inMemory() {
  let rows: Array<Artifact & { teamId: string; userId: string }> = [];
  let activity: ActivityEvent[] = [];
  let next = 1;
  const portfolio: PortfolioWrites['portfolio'] & {
    list: (t: string, u: string) => Promise<Artifact[]>;
    count: (t: string, u: string) => Promise<number>;
  } = {
    async add(teamId, userId, fields: ArtifactFields, source) {
      const id = String(next++);
      rows.push({ ...fields, id, source, evidenceTitle: null, teamId, userId });
      return id;
    },
    async find(teamId, userId, id) {
      const row = rows.find((r) => r.teamId === teamId && r.userId === userId && r.id === id);
      return row && { ...row };
    },
    async update(teamId, userId, id, fields) {
      const row = rows.find((r) => r.teamId === teamId && r.userId === userId && r.id === id);
      if (!row) return false;
      Object.assign(row, fields);
      return true;
    },
    async remove(teamId, userId, id) {
      const before = rows.length;
      rows = rows.filter((r) => !(r.teamId === teamId && r.userId === userId && r.id === id));
      return rows.length < before;
    },
    async list(teamId, userId) {
      return rows.filter((r) => r.teamId === teamId && r.userId === userId);
    },
    async count(teamId, userId) {
      return rows.filter((r) => r.teamId === teamId && r.userId === userId).length;
    },
  };
  const activityRepo: PortfolioWrites['activity'] = {
    async record(events) {
      for (const e of events)
        if (!activity.some((a) => a.teamId === e.teamId && a.sourceKey === e.sourceKey)) activity.push(e);
    },
    async removeSource(teamId, prefix) {
      const before = activity.length;
      activity = activity.filter(
        (a) => !(a.teamId === teamId && (a.sourceKey === prefix || a.sourceKey.startsWith(`${prefix}#`))),
      );
      return before - activity.length;
    },
  };
  return {
    portfolio,
    activity: () => activity.map((a) => [a.userId, a.kind, a.sourceKey]),
    rows: () => rows,
    uow: {
      async run<T>(work: (r: PortfolioWrites) => Promise<T>): Promise<T> {
        const snapshot = { rows: structuredClone(rows), activity: [...activity] };
        try {
          return await work({ portfolio, activity: activityRepo });
        } catch (error) {
          rows = snapshot.rows;
          activity = snapshot.activity;
          throw error;
        }
      },
    },
  };
}

describe('portfolio service rules (in-memory repositories)', () => {
  let store: ReturnType<typeof inMemory>;
  let service: PortfolioService;
  const form = { kind: 'talk', title: 'Talk', impact: 'It helped.', occurredOn: '2026-08-31', link: '' };

  beforeEach(() => {
    store = inMemory();
    service = createPortfolioService({
      reads: { portfolio: store.portfolio },
      uow: store.uow,
      targets: async (owner) =>
        owner.userId === 'UA' ? [{ type: 'milestone', id: '5', title: 'Speak twice' }] : [],
      // 02:00 UTC on 1 Sep is still 31 Aug in New York.
      clock: fixedClock(new Date('2026-09-01T02:00:00Z')),
    });
  });

  it("judges the date against the member's own today", async () => {
    const tomorrowInNewYork = { ...form, occurredOn: '2026-09-01' };
    await service.add(BOB, tomorrowInNewYork);
    const error = await rejection(service.add(ALICE, tomorrowInNewYork));
    expect(error.code).toBe('artifact_invalid');
    expect(error.field).toBe('occurredOn');
  });

  it('add records artifact.<kind>; an edit of the kind moves it; remove takes it away', async () => {
    const added = await service.add(ALICE, form);
    expect(store.activity()).toEqual([['UA', 'artifact.talk', `artifact:${added.id}#artifact`]]);
    await service.edit(ALICE, added.id, { ...form, title: 'Talk, renamed' });
    expect(store.activity()).toEqual([['UA', 'artifact.talk', `artifact:${added.id}#artifact`]]);
    await service.edit(ALICE, added.id, { ...form, kind: 'blog_post' });
    expect(store.activity()).toEqual([['UA', 'artifact.blog_post', `artifact:${added.id}#artifact`]]);
    await service.remove(ALICE, added.id);
    expect(store.activity()).toEqual([]);
    expect(store.rows()).toEqual([]);
  });

  it("another member's artifact is not found, and nothing changes", async () => {
    const added = await service.add(ALICE, form);
    for (const work of [
      service.edit(BOB, added.id, form),
      service.remove(BOB, added.id),
      service.find(BOB, added.id),
      service.find(ALICE, 'x1'),
    ]) {
      expect((await rejection(work)).code).toBe('artifact_not_found');
    }
    expect(store.rows()).toHaveLength(1);
  });

  it("links only to the member's own milestones; an existing link survives an edit", async () => {
    const linked = await service.add(ALICE, { ...form, evidenceFor: 'milestone:5' });
    expect(linked.evidenceFor).toEqual({ type: 'milestone', id: '5' });
    const error = await rejection(
      service.add(BOB, { ...form, occurredOn: '2026-09-01', evidenceFor: 'milestone:5' }),
    );
    expect(error.field).toBe('evidenceFor');
    // The milestone was dropped from the picker since; editing other fields keeps the link.
    const narrowed = createPortfolioService({
      reads: { portfolio: store.portfolio },
      uow: store.uow,
      targets: async () => [],
      clock: fixedClock(new Date('2026-09-01T02:00:00Z')),
    });
    const edited = await narrowed.edit(ALICE, linked.id, {
      ...form,
      title: 'Renamed',
      evidenceFor: 'milestone:5',
    });
    expect(edited.evidenceFor).toEqual({ type: 'milestone', id: '5' });
  });
});
