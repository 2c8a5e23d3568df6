import { DomainError } from '../errors.ts';
import type { TitledKeyResult } from './okrs.ts';

/**
 * Plans as stored: the pure rule types (okrs.ts, milestones.ts) with the ids and owners the
 * repositories add. Every record belongs to one member of one team.
 */

/** Who a plan belongs to, and the zone their calendar (quarters, "today") is computed in. */
export interface PlanOwner {
  teamId: string;
  userId: string;
  /** IANA zone; callers fall back to UTC when Slack has not told us the member's zone. */
  tz: string;
}

/** A stored key result; `number` is its 1-based position in the member's quarter list. */
export type KeyResultRecord = TitledKeyResult & {
  id: string;
  objectiveId: string;
  archived: boolean;
};

/** A stored objective for one quarter (`2026-Q3`) with its active key results, in order. */
export interface ObjectiveRecord {
  id: string;
  quarter: string;
  title: string;
  archived: boolean;
  keyResults: KeyResultRecord[];
}

/** One check-in on a key result; the history is append-only. */
export interface CheckInRecord {
  id: string;
  keyResultId: string;
  value: number;
  previousValue: number;
  note: string;
  at: Date;
}

/** A key result with the number the member types in `/careerplan okr progress <n> <value>`. */
export interface NumberedKeyResult {
  number: number;
  objective: ObjectiveRecord;
  keyResult: KeyResultRecord;
}

/**
 * Numbers the key results of a quarter's objectives 1, 2, 3 … across objectives, in the order
 * they are listed (objective order, then key-result order). `/careerplan okr` shows these
 * numbers and `okr progress` reads them, so both must come from here.
 */
export function numberKeyResults(objectives: readonly ObjectiveRecord[]): NumberedKeyResult[] {
  const out: NumberedKeyResult[] = [];
  for (const objective of objectives) {
    for (const keyResult of objective.keyResults) {
      out.push({ number: out.length + 1, objective, keyResult });
    }
  }
  return out;
}

const ID = /^[1-9]\d{0,17}$/;

/**
 * Checks an id that came back from Slack (a button value, private_metadata) before it reaches
 * SQL. Anything that is not a positive integer is treated like a record that does not exist.
 */
export function parseRecordId(value: unknown, what: string): string {
  if (typeof value === 'string' && ID.test(value)) return value;
  throw notFound(what);
}

/**
 * The one answer for "not there" and "not yours", so a member probing ids learns nothing about
 * other members' plans.
 */
export function notFound(what: string): DomainError {
  return new DomainError(
    'plan_not_found',
    `That ${what} is not in your plan (it may have been archived or removed). Nothing was changed.`,
  );
}
