import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { isBlankSlot, keyResultSlotField, validateObjectiveTitle, withField } from './okr-form.ts';
import {
  checkInKeyResult,
  checkKeyResultAllowed,
  checkObjectiveAllowed,
  EXTRA_KEY_RESULT_NOTE,
  type KeyResultInput,
  OKR_LIMITS,
  parseNumber,
  parseProgressArgs,
  progressOf,
  THIRD_OBJECTIVE_WARNING,
  type TitledKeyResult,
  validateKeyResult,
} from './okrs.ts';
import type { PlanRepositories, PlanWrites } from './plan-ports.ts';
import { compareQuarters, formatQuarter, parseQuarter, type Quarter, quarterOf } from './quarters.ts';
import {
  type CheckInRecord,
  type KeyResultRecord,
  type NumberedKeyResult,
  notFound,
  numberKeyResults,
  type ObjectiveRecord,
  type PlanOwner,
  parseRecordId,
} from './records.ts';

/** Longest check-in note we keep. */
export const CHECK_IN_NOTE_MAX = 500;

/** The add-objective form: a quarter, a title and up to 5 key-result slots (empty ones skipped). */
export interface NewObjectiveInput {
  quarter: string;
  title: string;
  /** Slot i (0-based) reports errors on fields `kr<i+1>_<field>`. */
  keyResults: readonly KeyResultInput[];
  /** The member ticked "add a third objective anyway" after reading the warning. */
  confirmedThird: boolean;
}

export type AddObjectiveResult =
  | { status: 'created'; objectiveId: string; quarter: string }
  | { status: 'needs_confirmation'; message: string };

/** What `okr progress` and the check-in modal report back. */
export interface CheckInResult {
  keyResult: KeyResultRecord;
  before: number;
  after: number;
}

/**
 * Quarterly OKRs with the guardrails of docs/product/career-plan.md: 2 objectives per quarter
 * recommended (a third only after explicit confirmation, never a fourth), 3 key results
 * recommended (never a sixth), and an append-only check-in history. Quarters are the member's
 * own calendar quarters.
 */
export function createOkrService(deps: {
  okrs: PlanRepositories['okrs'];
  checkIns: PlanRepositories['checkIns'];
  /** Guardrail checks with their inserts, and a check-in with its activity, each in one transaction. */
  uow: UnitOfWork<Pick<PlanWrites, 'okrs' | 'checkIns' | 'activity'>>;
  clock: Clock;
}) {
  const { okrs, checkIns, clock } = deps;

  const currentQuarter = (owner: PlanOwner): Quarter => quarterOf(clock.now(), owner.tz);

  async function requireKeyResult(owner: PlanOwner, rawId: unknown) {
    const id = parseRecordId(rawId, 'key result');
    const found = await okrs.findKeyResult(owner.teamId, owner.userId, id);
    if (!found || found.keyResult.archived || found.objectiveArchived) throw notFound('key result');
    return found.keyResult;
  }

  async function requireObjective(owner: PlanOwner, rawId: unknown): Promise<ObjectiveRecord> {
    const id = parseRecordId(rawId, 'objective');
    const objective = await okrs.findObjective(owner.teamId, owner.userId, id);
    if (!objective || objective.archived) throw notFound('objective');
    return objective;
  }

  async function checkIn(
    owner: PlanOwner,
    kr: KeyResultRecord,
    value: number,
    note: string,
  ): Promise<CheckInResult> {
    const trimmed = note.trim();
    if (trimmed.length > CHECK_IN_NOTE_MAX) {
      throw new DomainError(
        'okr_progress_invalid',
        `Keep the note to ${CHECK_IN_NOTE_MAX} characters (it has ${trimmed.length}).`,
        'note',
      );
    }
    const updated = checkInKeyResult(kr, value);
    await deps.uow.run(async (r) => {
      const checkInId = await r.checkIns.recordCheckIn(
        owner.teamId,
        owner.userId,
        kr.id,
        value,
        kr.current,
        trimmed,
      );
      await r.activity.record([
        {
          teamId: owner.teamId,
          userId: owner.userId,
          kind: 'key_result.moved',
          sourceKey: `kr_checkin:${checkInId}`,
          occurredAt: clock.now(),
        },
      ]);
    });
    return { keyResult: updated, before: progressOf(kr), after: progressOf(updated) };
  }

  return {
    currentQuarter,

    /** The quarter named in a command (`2026-Q3`), or the member's current one. */
    quarterFrom(owner: PlanOwner, text: string | undefined): Quarter {
      return text?.trim() ? parseQuarter(text) : currentQuarter(owner);
    },

    /** A quarter's active objectives with their key results numbered as the member sees them. */
    async quarter(owner: PlanOwner, quarter: Quarter = currentQuarter(owner)) {
      const objectives = await okrs.listQuarter(owner.teamId, owner.userId, formatQuarter(quarter));
      return { quarter, objectives, numbered: numberKeyResults(objectives) };
    },

    /** How many active objectives the member has in a quarter (the form warns from 2 on). */
    countObjectives: (owner: PlanOwner, quarter: Quarter): Promise<number> =>
      okrs.countActiveObjectives(owner.teamId, owner.userId, formatQuarter(quarter)),

    /**
     * Validates the whole form first, then inserts the objective and its key results in one
     * transaction (nothing partial). The third objective of a quarter returns
     * `needs_confirmation` until `confirmedThird`; a fourth is refused.
     */
    async addObjective(owner: PlanOwner, input: NewObjectiveInput): Promise<AddObjectiveResult> {
      const quarter = withField(
        () => 'quarter',
        () => parseQuarter(input.quarter),
      );
      if (compareQuarters(quarter, currentQuarter(owner)) < 0) {
        throw new DomainError(
          'quarter_invalid',
          `${formatQuarter(quarter)} is over; add objectives for this quarter or a later one.`,
          'quarter',
        );
      }
      const title = validateObjectiveTitle(input.title);
      const keyResults: TitledKeyResult[] = [];
      input.keyResults.forEach((slot, i) => {
        if (isBlankSlot(slot)) return;
        keyResults.push(
          withField(
            (f) => keyResultSlotField(i, f),
            () => validateKeyResult(slot),
          ),
        );
      });
      if (keyResults.length > OKR_LIMITS.maxKeyResults) {
        withField(
          () => keyResultSlotField(OKR_LIMITS.maxKeyResults, 'title'),
          () => checkKeyResultAllowed(keyResults.length - 1),
        );
      }
      const quarterText = formatQuarter(quarter);
      return deps.uow.run(async ({ okrs: repo }): Promise<AddObjectiveResult> => {
        await repo.lockMember(owner.teamId, owner.userId);
        const existing = await repo.countActiveObjectives(owner.teamId, owner.userId, quarterText);
        const allowed = withField(
          () => 'objective',
          () => checkObjectiveAllowed(existing, input.confirmedThird),
        );
        if (allowed === 'needs_confirmation')
          return { status: 'needs_confirmation', message: THIRD_OBJECTIVE_WARNING };
        const objectiveId = await repo.createObjective(
          owner.teamId,
          owner.userId,
          quarterText,
          title,
          keyResults,
        );
        return { status: 'created', objectiveId, quarter: quarterText };
      });
    },

    /** Adds a key result to one of the member's objectives; a sixth is refused with the reason. */
    async addKeyResult(
      owner: PlanOwner,
      rawObjectiveId: unknown,
      input: KeyResultInput,
    ): Promise<{ keyResultId: string; note: string | null }> {
      const kr = validateKeyResult(input);
      const objective = await requireObjective(owner, rawObjectiveId);
      return deps.uow.run(async ({ okrs: repo }) => {
        await repo.lockMember(owner.teamId, owner.userId);
        const fresh = await repo.findObjective(owner.teamId, owner.userId, objective.id);
        if (!fresh || fresh.archived) throw notFound('objective');
        const check = withField(
          () => 'title',
          () => checkKeyResultAllowed(fresh.keyResults.length),
        );
        const keyResultId = await repo.addKeyResult(owner.teamId, owner.userId, objective.id, kr);
        return { keyResultId, note: check === 'above_recommended' ? EXTRA_KEY_RESULT_NOTE : null };
      });
    },

    /** The objective when it is the member's and not archived (for edit forms). */
    objective: requireObjective,
    /** The key result when it is the member's and active (for edit and check-in forms). */
    keyResult: requireKeyResult,

    async renameObjective(owner: PlanOwner, rawId: unknown, text: string): Promise<void> {
      const title = validateObjectiveTitle(text);
      const objective = await requireObjective(owner, rawId);
      await okrs.renameObjective(owner.teamId, owner.userId, objective.id, title);
    },

    async archiveObjective(owner: PlanOwner, rawId: unknown): Promise<ObjectiveRecord> {
      const objective = await requireObjective(owner, rawId);
      await okrs.archiveObjective(owner.teamId, owner.userId, objective.id);
      return objective;
    },

    /** Rewrites title, start, target and unit; the kind and the current value stay. */
    async editKeyResult(
      owner: PlanOwner,
      rawId: unknown,
      input: Omit<KeyResultInput, 'kind' | 'current'>,
    ): Promise<KeyResultRecord> {
      const existing = await requireKeyResult(owner, rawId);
      // The current value is not on the edit form: validate the rest, then keep it as stored
      // (its string form, e.g. 1e-7, need not parse back).
      const validated = validateKeyResult({ ...input, kind: existing.kind });
      const kr = { ...validated, current: existing.current };
      await okrs.updateKeyResult(owner.teamId, owner.userId, existing.id, kr);
      return { ...existing, ...kr };
    },

    async archiveKeyResult(owner: PlanOwner, rawId: unknown): Promise<KeyResultRecord> {
      const kr = await requireKeyResult(owner, rawId);
      await okrs.archiveKeyResult(owner.teamId, owner.userId, kr.id);
      return kr;
    },

    /** A check-in from the modal: the value as typed (errors on field `value`) and a note. */
    async checkIn(owner: PlanOwner, rawId: unknown, valueText: string, note: string): Promise<CheckInResult> {
      const value = parseNumber(valueText);
      if (value === null) {
        throw new DomainError('okr_progress_invalid', 'The new value should be a number, e.g. 60.', 'value');
      }
      return checkIn(owner, await requireKeyResult(owner, rawId), value, note);
    },

    /** `/careerplan okr progress <kr#> <value>`: numbers as listed for the current quarter. */
    async progress(owner: PlanOwner, args: readonly string[]): Promise<CheckInResult & { number: number }> {
      const { krNumber, value } = parseProgressArgs(args);
      const objectives = await okrs.listQuarter(
        owner.teamId,
        owner.userId,
        formatQuarter(currentQuarter(owner)),
      );
      const numbered: NumberedKeyResult[] = numberKeyResults(objectives);
      const target = numbered[krNumber - 1];
      if (!target) {
        throw new DomainError(
          'okr_progress_args',
          numbered.length === 0
            ? 'You have no key results this quarter yet: add an objective with `/careerplan okr add`.'
            : `You have ${numbered.length} key result${numbered.length === 1 ? '' : 's'} this quarter; ` +
                `pick a number from 1 to ${numbered.length} as listed by \`/careerplan okr\`, e.g. \`/careerplan okr progress 1 60\`.`,
        );
      }
      return { ...(await checkIn(owner, target.keyResult, value, '')), number: target.number };
    },

    /** The key result's check-in history, oldest first. */
    async checkIns(owner: PlanOwner, rawId: unknown): Promise<CheckInRecord[]> {
      const kr = await requireKeyResult(owner, rawId);
      return checkIns.checkIns(owner.teamId, owner.userId, kr.id);
    },
  };
}

export type OkrService = ReturnType<typeof createOkrService>;
