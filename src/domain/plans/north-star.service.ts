import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { Clock } from '../clock.ts';
import type { LadderLevel } from './ladder.ts';
import { type LadderRowInput, validateLadderRows } from './ladder-form.ts';
import { type NorthStar, type NorthStarInput, validateNorthStar } from './north-star.ts';
import type { LadderStore, NorthStarStore, PlanWrites } from './plan-ports.ts';
import type { PlanOwner } from './records.ts';

/** The team's ladder (admins edit) and each member's north star. */
export function createNorthStarService(deps: {
  ladders: LadderStore;
  northStars: Pick<NorthStarStore, 'find'>;
  /** Saving a north star and recording its activity happen together. */
  uow: UnitOfWork<Pick<PlanWrites, 'northStars' | 'activity'>>;
  clock: Clock;
}) {
  const { ladders, northStars } = deps;
  return {
    /** The team's ladder, seeded with the default L3-L6 on first use. */
    ladder: (teamId: string): Promise<LadderLevel[]> => ladders.get(teamId),

    /**
     * Replaces the team's ladder. The caller checks that `byUserId` is an admin. Throws a
     * DomainError whose field is the offending row part (see {@link ladderField}).
     */
    async saveLadder(
      teamId: string,
      byUserId: string,
      rows: readonly LadderRowInput[],
    ): Promise<LadderLevel[]> {
      const levels = validateLadderRows(rows);
      await ladders.replace(teamId, levels, byUserId);
      return levels;
    },

    northStar: (owner: Pick<PlanOwner, 'teamId' | 'userId'>): Promise<NorthStar | null> =>
      northStars.find(owner.teamId, owner.userId),

    /** Validates against the team's ladder and stores it; errors carry the input's field. */
    async saveNorthStar(
      owner: Pick<PlanOwner, 'teamId' | 'userId'>,
      input: NorthStarInput,
    ): Promise<NorthStar> {
      const northStar = validateNorthStar(input, await ladders.get(owner.teamId));
      await deps.uow.run(async (r) => {
        await r.northStars.save(owner.teamId, owner.userId, northStar);
        // Once per member: the quick start needs to know it was ever set, not each edit.
        await r.activity.record([
          {
            teamId: owner.teamId,
            userId: owner.userId,
            kind: 'north_star.set',
            sourceKey: `north_star:${owner.userId}`,
            occurredAt: deps.clock.now(),
          },
        ]);
      });
      return northStar;
    },
  };
}

export type NorthStarService = ReturnType<typeof createNorthStarService>;
