import { DateTime } from 'luxon';
import { DomainError } from '../errors.ts';

/** What a milestone proves: getting better, being seen, or shipping. */
export type MilestoneKind = 'mastery' | 'visibility' | 'delivery';
/** Life cycle of a milestone; `done` and `dropped` are closed. */
export type MilestoneStatus = 'planned' | 'in_progress' | 'done' | 'dropped';

/** Every kind, in picker order. */
export const MILESTONE_KINDS: readonly MilestoneKind[] = ['mastery', 'visibility', 'delivery'];
/** Every status, in life-cycle order. */
export const MILESTONE_STATUSES: readonly MilestoneStatus[] = ['planned', 'in_progress', 'done', 'dropped'];

/** Words people read for each kind. */
export const MILESTONE_KIND_LABELS: Readonly<Record<MilestoneKind, string>> = {
  mastery: 'Mastery',
  visibility: 'Visibility',
  delivery: 'Delivery',
};

/** Words people read for each status. */
export const MILESTONE_STATUS_LABELS: Readonly<Record<MilestoneStatus, string>> = {
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

/** A 12-month milestone. Dates are the member's local calendar dates (`YYYY-MM-DD`). */
export interface Milestone {
  id: string;
  kind: MilestoneKind;
  title: string;
  dueDate: string;
  status: MilestoneStatus;
  evidenceUrl: string | null;
}

/** A validated new milestone, ready to store with status `planned`. */
export interface NewMilestone {
  kind: MilestoneKind;
  title: string;
  dueDate: string;
  evidenceUrl: string | null;
}

/** The milestone modal's values, as typed or picked. */
export interface NewMilestoneInput {
  kind: string;
  title: string;
  dueDate: string;
  evidenceUrl?: string | null;
}

/** Bounds enforced by {@link validateNewMilestone}. */
export const MILESTONE_LIMITS = { maxTitle: 150, maxEvidenceUrl: 500, maxMonthsAhead: 18 } as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isKind(value: string): value is MilestoneKind {
  return (MILESTONE_KINDS as readonly string[]).includes(value);
}

/** Whether a string is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;
}

/**
 * Whether `value` is an absolute http(s) URL of at most 500 characters — the only kind
 * of evidence link Slack renders safely as a link.
 */
export function isEvidenceUrl(value: string): boolean {
  if (value.length > MILESTONE_LIMITS.maxEvidenceUrl) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/**
 * Checks a new milestone against the member's local calendar date `todayLocal`
 * (`YYYY-MM-DD`, computed in their time zone by the caller): title 1-150 characters,
 * due date a real date from today up to 18 months ahead, optional http(s) evidence link
 * of at most 500 characters. Throws a {@link DomainError} (`milestone_invalid`) whose
 * `field` is `kind`, `title`, `dueDate` or `evidenceUrl`.
 */
export function validateNewMilestone(input: NewMilestoneInput, todayLocal: string): NewMilestone {
  const kind = input.kind.trim();
  if (!isKind(kind)) {
    throw new DomainError('milestone_invalid', 'Pick a kind: mastery, visibility or delivery.', 'kind');
  }

  const title = input.title.trim();
  if (title.length === 0) {
    throw new DomainError(
      'milestone_invalid',
      'Give the milestone a title, e.g. "Run the on-call rotation for a quarter".',
      'title',
    );
  }
  if (title.length > MILESTONE_LIMITS.maxTitle) {
    throw new DomainError(
      'milestone_invalid',
      `Keep the title to ${MILESTONE_LIMITS.maxTitle} characters (it has ${title.length}).`,
      'title',
    );
  }

  const dueDate = input.dueDate.trim();
  if (!isIsoDate(dueDate)) {
    throw new DomainError(
      'milestone_invalid',
      'The due date should be a date written YYYY-MM-DD, e.g. 2026-09-30.',
      'dueDate',
    );
  }
  const today = DateTime.fromISO(todayLocal, { zone: 'utc' });
  if (!today.isValid) {
    // A programming error rather than user input: the caller computes today.
    throw new Error(`todayLocal must be YYYY-MM-DD, got "${todayLocal}"`);
  }
  if (dueDate < todayLocal) {
    throw new DomainError(
      'milestone_invalid',
      `The due date ${dueDate} is in the past; pick today (${todayLocal}) or later.`,
      'dueDate',
    );
  }
  const latest = today.plus({ months: MILESTONE_LIMITS.maxMonthsAhead }).toISODate() ?? todayLocal;
  if (dueDate > latest) {
    throw new DomainError(
      'milestone_invalid',
      `Milestones are for the next 12 months or so; pick a due date by ${latest}.`,
      'dueDate',
    );
  }

  const evidence = (input.evidenceUrl ?? '').trim();
  if (evidence.length > 0 && !isEvidenceUrl(evidence)) {
    throw new DomainError(
      'milestone_invalid',
      `The evidence link should be a web address starting with https:// (at most ${MILESTONE_LIMITS.maxEvidenceUrl} characters).`,
      'evidenceUrl',
    );
  }

  return { kind, title, dueDate, evidenceUrl: evidence.length > 0 ? evidence : null };
}

/**
 * Which statuses a milestone may move to from each status. Work can start, finish or be
 * dropped; a finished milestone can be reopened and a dropped one restored, so a
 * mis-click is never permanent.
 */
export const MILESTONE_TRANSITIONS: Readonly<Record<MilestoneStatus, readonly MilestoneStatus[]>> = {
  planned: ['in_progress', 'done', 'dropped'],
  in_progress: ['planned', 'done', 'dropped'],
  done: ['in_progress'],
  dropped: ['planned'],
};

/** Whether a milestone may move from `from` to `to`. */
export function canTransitionMilestone(from: MilestoneStatus, to: MilestoneStatus): boolean {
  return MILESTONE_TRANSITIONS[from].includes(to);
}

/**
 * Returns the new status when the move is allowed (see {@link MILESTONE_TRANSITIONS});
 * throws a {@link DomainError} (`milestone_transition_invalid`) explaining why not.
 */
export function transitionMilestone(from: MilestoneStatus, to: MilestoneStatus): MilestoneStatus {
  if (canTransitionMilestone(from, to)) return to;
  const fromLabel = MILESTONE_STATUS_LABELS[from].toLowerCase();
  const toLabel = MILESTONE_STATUS_LABELS[to].toLowerCase();
  if (from === to) {
    throw new DomainError('milestone_transition_invalid', `This milestone is already ${fromLabel}.`);
  }
  throw new DomainError(
    'milestone_transition_invalid',
    `A ${fromLabel} milestone can't be marked ${toLabel}; it can move to ${MILESTONE_TRANSITIONS[from]
      .map((s) => MILESTONE_STATUS_LABELS[s].toLowerCase())
      .join(' or ')}.`,
  );
}

/** Whether a milestone is still open (planned or in progress). */
export function isOpenMilestone(milestone: Pick<Milestone, 'status'>): boolean {
  return milestone.status === 'planned' || milestone.status === 'in_progress';
}

/** Whether an open milestone's due date is before the member's local today. */
export function isOverdue(milestone: Pick<Milestone, 'status' | 'dueDate'>, todayLocal: string): boolean {
  return isOpenMilestone(milestone) && milestone.dueDate < todayLocal;
}

/** Orders milestones by due date, then title, then id, without mutating the input. */
export function sortByDueDate<T extends Pick<Milestone, 'dueDate' | 'title' | 'id'>>(
  milestones: readonly T[],
): T[] {
  return [...milestones].sort(
    (a, b) =>
      a.dueDate.localeCompare(b.dueDate) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id),
  );
}

/**
 * The open milestones coming up next (overdue ones first, as they are the most urgent),
 * soonest due first, at most `limit` of them.
 */
export function nextMilestones<T extends Milestone>(milestones: readonly T[], limit = 3): T[] {
  return sortByDueDate(milestones.filter(isOpenMilestone)).slice(0, Math.max(0, limit));
}
