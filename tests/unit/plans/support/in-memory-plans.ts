import type { ActivityEvent } from '../../../../src/domain/activity/activity.ts';
import type { Clock } from '../../../../src/domain/clock.ts';
import { DEFAULT_LADDER, type LadderLevel } from '../../../../src/domain/plans/ladder.ts';
import type { Milestone } from '../../../../src/domain/plans/milestones.ts';
import type { NorthStar } from '../../../../src/domain/plans/north-star.ts';
import type { TitledKeyResult } from '../../../../src/domain/plans/okrs.ts';
import type {
  CheckInStore,
  LadderStore,
  MilestoneStore,
  NorthStarStore,
  OkrStore,
  PlanEraser,
  PlanRepositories,
  PlanWrites,
} from '../../../../src/domain/plans/plan-ports.ts';
import type {
  CheckInRecord,
  KeyResultRecord,
  ObjectiveRecord,
} from '../../../../src/domain/plans/records.ts';

interface Owned {
  teamId: string;
  userId: string;
}

/** The rows the Postgres tables would hold, as plain data (so a transaction can snapshot them). */
export interface PlanState {
  nextId: number;
  ladders: Record<string, LadderLevel[]>;
  northStars: (Owned & { northStar: NorthStar })[];
  milestones: (Owned & Milestone)[];
  objectives: (Owned & Omit<ObjectiveRecord, 'keyResults'>)[];
  keyResults: (Owned & { position: number; record: KeyResultRecord })[];
  checkIns: (Owned & CheckInRecord)[];
  activity: ActivityEvent[];
}

const emptyState = (): PlanState => ({
  nextId: 1,
  ladders: {},
  northStars: [],
  milestones: [],
  objectives: [],
  keyResults: [],
  checkIns: [],
  activity: [],
});

const mine = (teamId: string, userId: string) => (row: Owned) =>
  row.teamId === teamId && row.userId === userId;
const byId = (a: { id: string }, b: { id: string }) => Number(a.id) - Number(b.id);

/**
 * In-memory plan repositories with the behaviour the services rely on from Postgres: every read is
 * scoped to (team, user), the ladder is seeded on first read, activity source keys are unique per
 * workspace, and a unit of work runs one at a time (as `lockMember` serialises a member's writes)
 * and rolls back everything it wrote when it throws. SQL itself is proved by the integration tests.
 */
export function inMemoryPlans(clock: Clock) {
  let state = emptyState();
  /** Set to make the next activity write fail (to watch a transaction roll back). */
  const faults: { activity?: Error } = {};
  const newId = () => String(state.nextId++);

  const ladders: LadderStore = {
    async get(teamId) {
      state.ladders[teamId] ??= structuredClone([...DEFAULT_LADDER]);
      return structuredClone(state.ladders[teamId]);
    },
    async replace(teamId, levels) {
      state.ladders[teamId] = structuredClone([...levels]);
    },
  };

  const northStars: NorthStarStore = {
    async find(teamId, userId) {
      const row = state.northStars.find(mine(teamId, userId));
      return row ? { ...row.northStar } : null;
    },
    async save(teamId, userId, northStar) {
      state.northStars = state.northStars.filter((r) => !mine(teamId, userId)(r));
      state.northStars.push({ teamId, userId, northStar: { ...northStar } });
    },
  };

  const milestones: MilestoneStore = {
    async create(teamId, userId, milestone) {
      const created: Milestone = { id: newId(), status: 'planned', ...milestone };
      state.milestones.push({ teamId, userId, ...created });
      return { ...created };
    },
    async list(teamId, userId) {
      return state.milestones
        .filter(mine(teamId, userId))
        .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || byId(a, b))
        .map(({ teamId: _t, userId: _u, ...m }) => m);
    },
    async find(teamId, userId, id) {
      const row = state.milestones.find((m) => mine(teamId, userId)(m) && m.id === id);
      if (!row) return null;
      const { teamId: _t, userId: _u, ...m } = row;
      return m;
    },
    async setStatus(teamId, userId, id, status) {
      for (const m of state.milestones) if (mine(teamId, userId)(m) && m.id === id) m.status = status;
    },
  };

  const activeKeyResults = (objectiveId: string): KeyResultRecord[] =>
    state.keyResults
      .filter((kr) => kr.record.objectiveId === objectiveId && !kr.record.archived)
      .sort((a, b) => a.position - b.position || byId(a.record, b.record))
      .map((kr) => structuredClone(kr.record));

  const withKeyResults = (o: PlanState['objectives'][number]): ObjectiveRecord => ({
    id: o.id,
    quarter: o.quarter,
    title: o.title,
    archived: o.archived,
    keyResults: activeKeyResults(o.id),
  });

  const insertKeyResult = (owner: Owned, objectiveId: string, kr: TitledKeyResult, position: number) => {
    const id = newId();
    state.keyResults.push({ ...owner, position, record: { ...kr, id, objectiveId, archived: false } });
    return id;
  };

  const keyResultRow = (teamId: string, userId: string, id: string) =>
    state.keyResults.find((kr) => mine(teamId, userId)(kr) && kr.record.id === id);
  const objectiveRow = (teamId: string, userId: string, id: string) =>
    state.objectives.find((o) => mine(teamId, userId)(o) && o.id === id);

  const okrs: OkrStore = {
    // The unit of work already runs one transaction at a time.
    async lockMember() {},
    async listQuarter(teamId, userId, quarter) {
      return state.objectives
        .filter((o) => mine(teamId, userId)(o) && o.quarter === quarter && !o.archived)
        .sort(byId)
        .map(withKeyResults);
    },
    async countActiveObjectives(teamId, userId, quarter) {
      return state.objectives.filter((o) => mine(teamId, userId)(o) && o.quarter === quarter && !o.archived)
        .length;
    },
    async findObjective(teamId, userId, id) {
      const o = objectiveRow(teamId, userId, id);
      return o ? withKeyResults(o) : null;
    },
    async findKeyResult(teamId, userId, id) {
      const kr = keyResultRow(teamId, userId, id);
      const o = kr && objectiveRow(teamId, userId, kr.record.objectiveId);
      if (!kr || !o) return null;
      return { keyResult: structuredClone(kr.record), objectiveArchived: o.archived, quarter: o.quarter };
    },
    async createObjective(teamId, userId, quarter, title, keyResults) {
      const id = newId();
      state.objectives.push({ teamId, userId, id, quarter, title, archived: false });
      keyResults.forEach((kr, position) => {
        insertKeyResult({ teamId, userId }, id, kr, position);
      });
      return id;
    },
    async addKeyResult(teamId, userId, objectiveId, kr) {
      const positions = state.keyResults
        .filter((k) => k.record.objectiveId === objectiveId)
        .map((k) => k.position);
      return insertKeyResult({ teamId, userId }, objectiveId, kr, Math.max(-1, ...positions) + 1);
    },
    async renameObjective(teamId, userId, id, title) {
      const o = objectiveRow(teamId, userId, id);
      if (o) o.title = title;
    },
    async archiveObjective(teamId, userId, id) {
      const o = objectiveRow(teamId, userId, id);
      if (o) o.archived = true;
    },
    async updateKeyResult(teamId, userId, id, kr) {
      const row = keyResultRow(teamId, userId, id);
      if (row) row.record = { ...kr, id, objectiveId: row.record.objectiveId, archived: row.record.archived };
    },
    async archiveKeyResult(teamId, userId, id) {
      const row = keyResultRow(teamId, userId, id);
      if (row) row.record.archived = true;
    },
  };

  const checkIns: CheckInStore = {
    async recordCheckIn(teamId, userId, keyResultId, value, previousValue, note) {
      const id = newId();
      state.checkIns.push({ teamId, userId, id, keyResultId, value, previousValue, note, at: clock.now() });
      const kr = keyResultRow(teamId, userId, keyResultId);
      if (kr) kr.record.current = value;
      return id;
    },
    async checkIns(teamId, userId, keyResultId) {
      return state.checkIns
        .filter((c) => mine(teamId, userId)(c) && c.keyResultId === keyResultId)
        .sort(byId)
        .map(({ teamId: _t, userId: _u, ...c }) => c);
    },
  };

  const activity: PlanWrites['activity'] = {
    async record(events) {
      if (faults.activity) {
        const error = faults.activity;
        delete faults.activity;
        throw error;
      }
      for (const e of events) {
        if (!state.activity.some((a) => a.teamId === e.teamId && a.sourceKey === e.sourceKey)) {
          state.activity.push({ ...e });
        }
      }
    },
  };

  const eraser: PlanEraser = {
    async eraseMember(teamId, userId) {
      const keep = <T extends Owned>(rows: T[]) => rows.filter((r) => !mine(teamId, userId)(r));
      const counts = {
        checkIns: state.checkIns.length - keep(state.checkIns).length,
        keyResults: state.keyResults.length - keep(state.keyResults).length,
        objectives: state.objectives.length - keep(state.objectives).length,
        milestones: state.milestones.length - keep(state.milestones).length,
        northStar: state.northStars.length - keep(state.northStars).length,
      };
      state.checkIns = keep(state.checkIns);
      state.keyResults = keep(state.keyResults);
      state.objectives = keep(state.objectives);
      state.milestones = keep(state.milestones);
      state.northStars = keep(state.northStars);
      return counts;
    },
  };

  const writes: PlanWrites = { northStars, milestones, okrs, checkIns, activity };
  let tail: Promise<unknown> = Promise.resolve();
  const repositories: PlanRepositories = {
    ladders,
    northStars,
    milestones,
    okrs,
    checkIns,
    eraser,
    uow: {
      run<T>(work: (r: PlanWrites) => Promise<T>): Promise<T> {
        const result = tail.then(async () => {
          const before = structuredClone(state);
          try {
            return await work(writes);
          } catch (error) {
            state = before;
            throw error;
          }
        });
        tail = result.catch(() => undefined);
        return result;
      },
    },
  };

  return {
    repositories,
    faults,
    /** What is stored now, for assertions. */
    state: (): Readonly<PlanState> => state,
  };
}

export type InMemoryPlans = ReturnType<typeof inMemoryPlans>;
