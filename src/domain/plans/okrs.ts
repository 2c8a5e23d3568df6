import { DomainError } from '../errors.ts';

/**
 * How a key result is measured: a metric moving from `start` to `target` (either
 * direction, e.g. p95 latency 800 → 200 ms), or a plain 0-100 % progress.
 */
export type KeyResult =
  | { kind: 'metric'; start: number; target: number; current: number; unit: string }
  | { kind: 'percent'; current: number };

/** A key result with the words that describe it. */
export type TitledKeyResult = KeyResult & { title: string };

/** An objective for a quarter with its key results, in the order the member numbers them. */
export interface Objective {
  title: string;
  keyResults: readonly TitledKeyResult[];
}

/** The key-result modal's values, as typed. `start`/`target`/`unit` only matter for metrics. */
export interface KeyResultInput {
  title: string;
  kind: string;
  start?: string;
  target?: string;
  current?: string;
  unit?: string;
}

/** Guardrails: what is recommended and what is refused. */
export const OKR_LIMITS = {
  recommendedObjectives: 2,
  maxObjectives: 3,
  recommendedKeyResults: 3,
  maxKeyResults: 5,
  maxTitle: 150,
  maxUnit: 20,
} as const;

/** Shown before a third objective is added in the same quarter. */
export const THIRD_OBJECTIVE_WARNING =
  'You already have 2 objectives this quarter. We recommend at most 2: every extra objective splits ' +
  'your attention, and two finished objectives teach more than three half-done ones. Add a third anyway?';

/** Shown when a fourth or fifth key result is added to one objective. */
export const EXTRA_KEY_RESULT_NOTE =
  'Three key results per objective are usually enough to tell whether it is done; more tend to measure activity rather than outcome.';

/** The error for malformed `okr progress` arguments, with a working example. */
export const PROGRESS_ARGS_MESSAGE =
  '`/careerplan okr progress` needs a key result number and a value, e.g. `/careerplan okr progress 2 60`';

const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const GROUPED = /^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

/**
 * Reads a number as people type it: `60`, `-3`, `1.5`, `.5`, `1,200`; a trailing `%` is
 * ignored. Returns null for anything else (including empty text).
 */
export function parseNumber(text: string): number | null {
  let t = text.trim();
  if (t.endsWith('%')) t = t.slice(0, -1).trimEnd();
  if (GROUPED.test(t)) t = t.replaceAll(',', '');
  if (!NUMBER.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

function clamp01(x: number): number {
  if (Number.isNaN(x)) return 0;
  return Math.min(1, Math.max(0, x));
}

/**
 * How far a key result is, in [0, 1]: `(current − start) / (target − start)` clamped,
 * which works for decreasing metrics too (start 800, target 200, current 500 → 0.5).
 * Going past the target counts as 1; moving away from it counts as 0.
 */
export function progressOf(kr: KeyResult): number {
  if (kr.kind === 'percent') return clamp01(kr.current / 100);
  const span = kr.target - kr.start;
  if (span === 0) return kr.current === kr.target ? 1 : 0;
  return clamp01((kr.current - kr.start) / span);
}

/** Mean progress of an objective's key results; 0 when it has none yet. */
export function objectiveProgress(krs: readonly KeyResult[]): number {
  if (krs.length === 0) return 0;
  return krs.reduce((sum, kr) => sum + progressOf(kr), 0) / krs.length;
}

/**
 * A text progress bar such as `▓▓▓▓▓░░░░░ 50%`. The bar only fills completely at 100 %
 * so it never looks done before it is.
 */
export function progressBar(fraction: number, width = 10): string {
  const cells = Math.max(1, Math.floor(width));
  const percent = Math.round(clamp01(fraction) * 100);
  const filled = Math.floor((percent * cells) / 100);
  return `${'▓'.repeat(filled)}${'░'.repeat(cells - filled)} ${percent}%`;
}

function requireNumber(text: string | undefined, field: string, what: string): number {
  const n = parseNumber(text ?? '');
  if (n === null) {
    throw new DomainError('okr_kr_invalid', `The ${what} should be a number, e.g. 120 or 2.5.`, field);
  }
  return n;
}

function requirePercent(text: string | undefined, field: string): number {
  const n = parseNumber(text ?? '');
  if (n === null || n < 0 || n > 100) {
    throw new DomainError('okr_kr_invalid', 'Progress is a percentage from 0 to 100, e.g. 40.', field);
  }
  return n;
}

/**
 * Checks a new key result typed into the modal. Metrics need numeric start and target
 * that differ (current defaults to start) and a unit of at most 20 characters; percent
 * key results need a current value of 0-100 (default 0). Throws a {@link DomainError}
 * (`okr_kr_invalid`) whose `field` is the key of the offending input.
 */
export function validateKeyResult(input: KeyResultInput): TitledKeyResult {
  const title = input.title.trim();
  if (title.length === 0 || title.length > OKR_LIMITS.maxTitle) {
    throw new DomainError(
      'okr_kr_invalid',
      `A key result needs a title of 1-${OKR_LIMITS.maxTitle} characters, e.g. "Cut p95 checkout latency to 200 ms".`,
      'title',
    );
  }
  const kind = input.kind.trim();
  if (kind === 'percent') {
    const current = input.current?.trim() ? requirePercent(input.current, 'current') : 0;
    return { title, kind, current };
  }
  if (kind !== 'metric') {
    throw new DomainError('okr_kr_invalid', 'Pick how it is measured: a metric or a percentage.', 'kind');
  }
  const start = requireNumber(input.start, 'start', 'start value');
  const target = requireNumber(input.target, 'target', 'target value');
  if (target === start) {
    throw new DomainError(
      'okr_kr_invalid',
      `The target equals the start (${start}), so there is nothing to move; set where you want to get to.`,
      'target',
    );
  }
  const current = input.current?.trim() ? requireNumber(input.current, 'current', 'current value') : start;
  const unit = (input.unit ?? '').trim();
  if (unit.length > OKR_LIMITS.maxUnit) {
    throw new DomainError(
      'okr_kr_invalid',
      `Keep the unit short (at most ${OKR_LIMITS.maxUnit} characters), e.g. "ms" or "tickets".`,
      'unit',
    );
  }
  return { title, kind, start, target, current, unit };
}

/**
 * Records a check-in value on a key result and returns the updated one. Percent key
 * results accept 0-100 only (DomainError `okr_progress_invalid`, field `value`).
 */
export function checkInKeyResult<T extends KeyResult>(kr: T, value: number): T {
  if (!Number.isFinite(value)) {
    throw new DomainError('okr_progress_invalid', 'The new value should be a number, e.g. 60.', 'value');
  }
  if (kr.kind === 'percent' && (value < 0 || value > 100)) {
    throw new DomainError(
      'okr_progress_invalid',
      `This key result is a percentage, so the value should be 0-100 (got ${value}).`,
      'value',
    );
  }
  return { ...kr, current: value };
}

/** One-line description of where a key result stands, e.g. `800 → 200 ms, now 500`. */
export function describeKeyResult(kr: KeyResult): string {
  if (kr.kind === 'percent') return `${kr.current}%`;
  const unit = kr.unit ? ` ${kr.unit}` : '';
  return `${kr.start} → ${kr.target}${unit}, now ${kr.current}`;
}

/** Outcome of {@link checkObjectiveAllowed}. */
export type ObjectiveCheck = 'ok' | 'needs_confirmation';

/**
 * Whether another objective may be added to a quarter that already has
 * `existingActiveCount` active ones. Up to 2 is fine; a third needs the member to
 * confirm after reading {@link THIRD_OBJECTIVE_WARNING} (`confirmedThird`); a fourth is
 * refused with a DomainError (`okr_objective_limit`).
 */
export function checkObjectiveAllowed(existingActiveCount: number, confirmedThird: boolean): ObjectiveCheck {
  if (existingActiveCount >= OKR_LIMITS.maxObjectives) {
    throw new DomainError(
      'okr_objective_limit',
      `You already have ${existingActiveCount} objectives this quarter, the most we allow: with more than ` +
        '3, none gets real attention. Finish or drop one before adding another.',
    );
  }
  if (existingActiveCount >= OKR_LIMITS.recommendedObjectives && !confirmedThird) return 'needs_confirmation';
  return 'ok';
}

/** Outcome of {@link checkKeyResultAllowed}: `above_recommended` means show {@link EXTRA_KEY_RESULT_NOTE}. */
export type KeyResultCheck = 'ok' | 'above_recommended';

/**
 * Whether another key result may be added to an objective that has `existingCount`.
 * Up to 3 is the recommendation, a 4th and 5th are allowed with a note, a 6th is
 * refused with a DomainError (`okr_kr_limit`).
 */
export function checkKeyResultAllowed(existingCount: number): KeyResultCheck {
  if (existingCount >= OKR_LIMITS.maxKeyResults) {
    throw new DomainError(
      'okr_kr_limit',
      `This objective already has ${existingCount} key results, the most we allow. Key results should say ` +
        'whether the objective is met, and 3 usually do; merge or remove one first.',
    );
  }
  return existingCount >= OKR_LIMITS.recommendedKeyResults ? 'above_recommended' : 'ok';
}

/** The parsed arguments of `/careerplan okr progress <kr#> <value>`. */
export interface ProgressArgs {
  /** 1-based key-result number as listed by `/careerplan okr`. */
  krNumber: number;
  value: number;
}

const KR_NUMBER = /^(?:kr)?#?(\d{1,3})$/i;

/**
 * Parses the words after `/careerplan okr progress`: a key-result number (`2`, `#2`,
 * `kr2`) and a value (`60`, `60%`, `1.5`, `-3`). Throws a DomainError
 * (`okr_progress_args`) with {@link PROGRESS_ARGS_MESSAGE} otherwise.
 */
export function parseProgressArgs(args: readonly string[]): ProgressArgs {
  const words = args.map((a) => a.trim()).filter((a) => a.length > 0);
  const [krText, valueText] = words;
  const krMatch = krText === undefined ? null : KR_NUMBER.exec(krText);
  const krNumber = krMatch?.[1] === undefined ? 0 : Number(krMatch[1]);
  const value = valueText === undefined ? null : parseNumber(valueText);
  if (words.length !== 2 || krNumber < 1 || value === null) {
    throw new DomainError('okr_progress_args', PROGRESS_ARGS_MESSAGE);
  }
  return { krNumber, value };
}
