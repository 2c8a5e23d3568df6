import { describe, expect, it } from 'vitest';
import type { PlanOwner } from '../../../src/domain/plans/records.ts';
import type { ReadinessRepository } from '../../../src/domain/readiness/readiness.repository.ts';
import {
  createReadinessService,
  MAX_EVIDENCE_PER_ITEM,
} from '../../../src/domain/readiness/readiness.service.ts';
import { rejection } from '../plans/support/domain-error.ts';

const ALICE: PlanOwner = { teamId: 'T1', userId: 'UA', tz: 'UTC' };

/** Evidence rows in memory; the member owns artifacts 1-3 only. */
function setUp(goalTrack: 'ic' | 'staff' | null) {
  let links: Array<{ track: string; itemKey: string; id: string }> = [];
  const owned = new Set(['1', '2', '3']);
  const store: Pick<
    ReadinessRepository,
    'checklist' | 'saveChecklist' | 'removeEvidenceOutside' | 'evidence' | 'replaceEvidence' | 'eraseMember'
  > = {
    checklist: async () => null,
    saveChecklist: async () => {},
    removeEvidenceOutside: async () => 0,
    evidence: async (_t, _u, track) =>
      links
        .filter((l) => l.track === track)
        .map((l) => ({
          itemKey: l.itemKey,
          artifact: { id: l.id, title: l.id, link: null, kind: 'talk', occurredOn: '2026-01-01' },
        })),
    replaceEvidence: async (_t, _u, track, itemKey, ids) => {
      links = links.filter((l) => !(l.track === track && l.itemKey === itemKey));
      const kept = ids.filter((id) => owned.has(id));
      links.push(...kept.map((id) => ({ track, itemKey, id })));
      return kept.length;
    },
    eraseMember: async () => 0,
  };
  const service = createReadinessService({
    store,
    uow: {
      async run(work) {
        const snapshot = [...links];
        try {
          return await work(store);
        } catch (error) {
          links = snapshot;
          throw error;
        }
      },
    },
    goal: async () => (goalTrack ? { track: goalTrack, targetLevel: 'L6', targetTitle: 'Staff' } : null),
  });
  return { service, links: () => links };
}

describe('readiness service rules', () => {
  it("uses the north star's track, else the individual-contributor list", async () => {
    expect((await setUp('staff').service.view(ALICE)).items.map((i) => i.key)).toContain('talk');
    const none = await setUp(null).service.view(ALICE);
    expect([none.track, none.hasGoal]).toEqual(['ic', false]);
  });

  it('links only artifacts of the member, all or nothing', async () => {
    const { service, links } = setUp('ic');
    await service.link(ALICE, 'ic', 'led_initiatives', ['1', '2']);
    expect((await service.view(ALICE)).items[0]).toMatchObject({ key: 'led_initiatives', done: true });
    const error = await rejection(service.link(ALICE, 'ic', 'led_initiatives', ['1', '99']));
    expect(error.code).toBe('artifact_not_found');
    expect(links().map((l) => l.id)).toEqual(['1', '2']);
  });

  it('refuses unknown tracks and items, bad ids and too many links', async () => {
    const { service } = setUp('ic');
    expect((await rejection(service.link(ALICE, 'cto', 'x', []))).code).toBe('readiness_args');
    expect((await rejection(service.link(ALICE, 'ic', 'gone', ['1']))).code).toBe('readiness_invalid');
    expect((await rejection(service.link(ALICE, 'ic', 'mentored', ['1; drop table']))).code).toBe(
      'artifact_not_found',
    );
    const many = Array.from({ length: MAX_EVIDENCE_PER_ITEM + 1 }, (_, i) => String(i + 1));
    expect((await rejection(service.link(ALICE, 'ic', 'mentored', many))).code).toBe('readiness_invalid');
  });
});
