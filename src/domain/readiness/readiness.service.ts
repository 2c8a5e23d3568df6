import type { UnitOfWork } from '../../db/unit-of-work.ts';
import { DomainError } from '../errors.ts';
import type { Track } from '../plans/ladder.ts';
import type { PlanOwner } from '../plans/records.ts';
import { parseArtifactId } from '../portfolio/portfolio.service.ts';
import type { ReadinessRepository } from './readiness.repository.ts';
import {
  type ChecklistItem,
  type ChecklistSlot,
  DEFAULT_CHECKLISTS,
  isTrack,
  type ReadinessStatus,
  readinessStatus,
  validateChecklist,
} from './readiness.ts';

/** Where the member is heading, from their north star (null until they set one). */
export interface ReadinessGoal {
  track: Track;
  targetLevel: string;
  /** The target level's title on the team's ladder, when it is still on it. */
  targetTitle: string | null;
}

/** The member's readiness for their track and target level. */
export interface ReadinessView extends ReadinessStatus {
  track: Track;
  /** False when the member has no north star yet: the individual-contributor list is shown. */
  hasGoal: boolean;
  targetLevel: string | null;
  targetTitle: string | null;
}

type Store = Pick<
  ReadinessRepository,
  'checklist' | 'saveChecklist' | 'removeEvidenceOutside' | 'evidence' | 'replaceEvidence' | 'eraseMember'
>;

/** Most artifacts linked to one item. */
export const MAX_EVIDENCE_PER_ITEM = 20;

/**
 * Promotion readiness (docs/product/readiness.md): the checklist of the member's track (the
 * team's edit, else the defaults), ticked only by linked portfolio evidence; admins replace a
 * track's checklist (the Slack edge checks who is an admin).
 */
export function createReadinessService(deps: {
  store: Pick<Store, 'checklist' | 'evidence' | 'eraseMember'>;
  uow: UnitOfWork<Store>;
  goal(owner: PlanOwner): Promise<ReadinessGoal | null>;
}) {
  async function checklist(teamId: string, track: Track): Promise<ChecklistItem[]> {
    return (await deps.store.checklist(teamId, track)) ?? [...DEFAULT_CHECKLISTS[track]];
  }

  function requireTrack(value: string): Track {
    if (!isTrack(value)) {
      throw new DomainError(
        'readiness_args',
        'Name a track: `ic` (individual contributor), `staff` (staff/architect) or `manager` (people manager).',
      );
    }
    return value;
  }

  return {
    checklist,
    requireTrack,

    /** The member's checklist with its evidence, for their north star's track. */
    async view(owner: PlanOwner): Promise<ReadinessView> {
      const goal = await deps.goal(owner);
      const track = goal?.track ?? 'ic';
      const [items, links] = await Promise.all([
        checklist(owner.teamId, track),
        deps.store.evidence(owner.teamId, owner.userId, track),
      ]);
      return {
        ...readinessStatus(items, links),
        track,
        hasGoal: goal !== null,
        targetLevel: goal?.targetLevel ?? null,
        targetTitle: goal?.targetTitle ?? null,
      };
    },

    /**
     * Links exactly these artifacts to one item of the member's checklist (an empty list unlinks
     * all). Every id must be one of the member's artifacts.
     */
    async link(owner: PlanOwner, trackText: string, itemKey: string, rawIds: readonly unknown[]) {
      const track = requireTrack(trackText);
      const item = (await checklist(owner.teamId, track)).find((i) => i.key === itemKey);
      if (!item) {
        throw new DomainError(
          'readiness_invalid',
          'That item is no longer on your checklist (an admin may have changed it). Nothing was changed.',
        );
      }
      const ids = [...new Set(rawIds.map(parseArtifactId))];
      if (ids.length > MAX_EVIDENCE_PER_ITEM) {
        throw new DomainError(
          'readiness_invalid',
          `Link at most ${MAX_EVIDENCE_PER_ITEM} artifacts to one item.`,
          'evidence',
        );
      }
      const linked = await deps.uow.run(async (store) => {
        const n = await store.replaceEvidence(owner.teamId, owner.userId, track, item.key, ids);
        if (n !== ids.length) {
          // Rolls the replacement back: one id was not the member's.
          throw new DomainError(
            'artifact_not_found',
            'One of those artifacts is not in your portfolio any more. Nothing was changed.',
            'evidence',
          );
        }
        return n;
      });
      return { item, linked };
    },

    /** Replaces a track's checklist (admins); evidence of removed items goes too. */
    async saveChecklist(teamId: string, trackText: string, slots: readonly ChecklistSlot[]) {
      const track = requireTrack(trackText);
      const items = validateChecklist(slots);
      const unlinked = await deps.uow.run(async (store) => {
        await store.saveChecklist(teamId, track, items);
        return store.removeEvidenceOutside(
          teamId,
          track,
          items.map((i) => i.key),
        );
      });
      return { track, items, unlinked };
    },

    eraseMember: (teamId: string, userId: string) => deps.store.eraseMember(teamId, userId),
  };
}

export type ReadinessService = ReturnType<typeof createReadinessService>;
