import { DEFAULT_LADDER } from '../../../../src/domain/plans/ladder.ts';
import type { Milestone } from '../../../../src/domain/plans/milestones.ts';
import type { PlanDashboard } from '../../../../src/domain/plans/plan.service.ts';
import {
  type KeyResultRecord,
  numberKeyResults,
  type ObjectiveRecord,
} from '../../../../src/domain/plans/records.ts';
import type { Member } from '../../../../src/domain/workspaces/workspace.ts';

/** Text as long as a field allows, full of characters mrkdwn must escape. */
export const nasty = (n: number) => '<b>&amp; *bold* `code` '.repeat(20).slice(0, n);

export const member: Member = {
  teamId: 'T1',
  userId: 'U1',
  displayName: 'alice',
  realName: 'Alice Example',
  tz: 'America/New_York',
  isAdmin: false,
  isOwner: false,
  isBot: false,
  isDeleted: false,
};

export function keyResult(id: number, objectiveId: number, title = nasty(150)): KeyResultRecord {
  return id % 2 === 0
    ? {
        id: String(id),
        objectiveId: String(objectiveId),
        archived: false,
        title,
        kind: 'percent',
        current: 40,
      }
    : {
        id: String(id),
        objectiveId: String(objectiveId),
        archived: false,
        title,
        kind: 'metric',
        start: 800,
        target: 200,
        current: 500,
        unit: 'ms-per-request-p95x',
      };
}

export function objective(id: number, krs = 5): ObjectiveRecord {
  return {
    id: String(id),
    quarter: '2026-Q3',
    title: nasty(150),
    archived: false,
    keyResults: Array.from({ length: krs }, (_, i) => keyResult(id * 10 + i, id)),
  };
}

export function milestone(id: number, status: Milestone['status'] = 'planned'): Milestone {
  return {
    id: String(id),
    kind: (['mastery', 'visibility', 'delivery'] as const)[id % 3] ?? 'mastery',
    title: nasty(150),
    dueDate: `2026-${String((id % 12) + 1).padStart(2, '0')}-15`,
    status,
    evidenceUrl: id % 2 ? `https://example.com/evidence/${id}?q=a|b>c` : null,
  };
}

export function dashboard(objectives: number, milestones: number): PlanDashboard {
  const list = Array.from({ length: objectives }, (_, i) => objective(i + 1));
  return {
    today: '2026-08-14',
    northStar: {
      track: 'staff',
      destination: nasty(500),
      horizonYears: 3,
      currentLevel: 'L4',
      targetLevel: 'L6',
    },
    ladder: [...DEFAULT_LADDER],
    quarter: { year: 2026, q: 3 },
    objectives: list,
    numbered: numberKeyResults(list),
    milestones: Array.from({ length: milestones }, (_, i) =>
      milestone(i + 1, (['planned', 'in_progress', 'done', 'dropped'] as const)[i % 4]),
    ),
  };
}
