import { DomainError } from '../errors.ts';
import { type KeyResultInput, OKR_LIMITS } from './okrs.ts';

/** Rules of the OKR forms that the pure okrs.ts rules do not cover: slots and objective titles. */

/** The key-result slot field of the add-objective form, e.g. `kr2_target`. */
export function keyResultSlotField(slot: number, field: string): string {
  return `kr${slot + 1}_${field}`;
}

/** A key-result slot the member left empty (ignored, not an error). */
export function isBlankSlot(input: KeyResultInput): boolean {
  return [input.title, input.start, input.target, input.unit, input.current].every((v) => !v?.trim());
}

/** Objective titles follow the same 1-150 character rule as key results. */
export function validateObjectiveTitle(text: string, field = 'objective'): string {
  const title = text.trim();
  if (title.length === 0) {
    throw new DomainError(
      'okr_objective_invalid',
      'Give the objective a title, e.g. "Make checkout fast and boring".',
      field,
    );
  }
  if (title.length > OKR_LIMITS.maxTitle) {
    throw new DomainError(
      'okr_objective_invalid',
      `Keep the objective to ${OKR_LIMITS.maxTitle} characters (it has ${title.length}).`,
      field,
    );
  }
  return title;
}

/** Runs a rule and re-labels its DomainError's field, e.g. `target` → `kr2_target`. */
export function withField<T>(field: (inner: string) => string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof DomainError)
      throw new DomainError(error.code, error.message, field(error.field ?? 'title'));
    throw error;
  }
}
