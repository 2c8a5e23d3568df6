import { DomainError } from '../errors.ts';
import { isIsoDate } from '../plans/milestones.ts';
import { CONTRIBUTION_KIND_LABELS, CONTRIBUTION_LIMITS } from './contribution.ts';

/**
 * Portfolio artifacts (docs/product/portfolio.md): the kinds a member adds, the fields they type,
 * and the rules a form must pass before anything is stored.
 */

/** What `/careerplan portfolio add` offers, in the order the picker shows them. */
export const ARTIFACT_KINDS = [
  'design_doc',
  'feature_shipped',
  'dashboard_observability',
  'incident_postmortem',
  'mentoring_note',
  'talk',
  'blog_post',
  'open_source',
  'other',
] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

export const ARTIFACT_KIND_LABELS: Readonly<Record<ArtifactKind, string>> = {
  design_doc: 'Design doc',
  feature_shipped: 'Feature shipped',
  dashboard_observability: 'Dashboard / observability',
  incident_postmortem: 'Incident postmortem',
  mentoring_note: 'Mentoring note',
  talk: 'Talk',
  blog_post: 'Blog post',
  open_source: 'Open-source contribution',
  other: 'Other',
};

/**
 * Words for any stored kind: the portfolio's own, then the monthly contribution's (feature, bug
 * fix, hotfix with tests), which are artifacts too. An unknown kind shows as stored.
 */
export function kindLabel(kind: string): string {
  if (Object.hasOwn(ARTIFACT_KIND_LABELS, kind)) return ARTIFACT_KIND_LABELS[kind as ArtifactKind];
  if (Object.hasOwn(CONTRIBUTION_KIND_LABELS, kind)) {
    return CONTRIBUTION_KIND_LABELS[kind as keyof typeof CONTRIBUTION_KIND_LABELS];
  }
  return kind;
}

/** Where an artifact came from: the contribution ritual, the add form, or a Slack message. */
export type ArtifactSource = 'contribution' | 'manual' | 'message';

/** The milestone or key result of the member's plan an artifact is evidence for. */
export interface EvidenceTarget {
  type: 'milestone' | 'key_result';
  id: string;
}

/** An artifact as the member typed it, checked. */
export interface ArtifactFields {
  kind: string;
  title: string;
  link: string | null;
  impact: string;
  /** The member's local date it happened, `YYYY-MM-DD`. */
  occurredOn: string;
  evidenceFor: EvidenceTarget | null;
}

/** A stored artifact. */
export interface Artifact extends ArtifactFields {
  id: string;
  source: ArtifactSource | string;
  /** Title of the milestone or key result it is evidence for, when linked. */
  evidenceTitle: string | null;
}

/** The add / edit form's raw values (all strings; '' when empty). */
export interface ArtifactInput {
  kind?: string;
  title?: string;
  link?: string;
  impact?: string;
  occurredOn?: string;
  /** `milestone:<id>` or `key_result:<id>`, or ''. */
  evidenceFor?: string;
}

export const ARTIFACT_LIMITS = { ...CONTRIBUTION_LIMITS, earliest: '1990-01-01' } as const;

const TARGET = /^(milestone|key_result):([1-9]\d{0,17})$/;

/** Reads a picker value `milestone:12` / `key_result:5`; '' is no target. */
export function parseEvidenceTarget(value: string | undefined): EvidenceTarget | null {
  const text = (value ?? '').trim();
  if (text === '') return null;
  const match = TARGET.exec(text);
  if (!match) {
    throw new DomainError('artifact_invalid', 'Pick a milestone or key result from the list.', 'evidenceFor');
  }
  return { type: match[1] as EvidenceTarget['type'], id: match[2] as string };
}

export function evidenceTargetValue(target: EvidenceTarget): string {
  return `${target.type}:${target.id}`;
}

/**
 * Checks the artifact form. Errors name their field, so the modal shows them in place and nothing
 * is stored. `allowedKinds` is the portfolio's kinds, plus an edited artifact's own kind (a
 * contribution keeps "bug fix" when edited); the date is a real day, not after the member's today.
 */
export function validateArtifact(
  input: ArtifactInput,
  rules: { today: string; allowedKinds: readonly string[] },
): ArtifactFields {
  const kind = (input.kind ?? '').trim();
  if (!rules.allowedKinds.includes(kind)) {
    throw new DomainError('artifact_invalid', 'Pick what kind of artifact this is.', 'kind');
  }
  const title = (input.title ?? '').replace(/\s+/g, ' ').trim();
  if (title === '') throw new DomainError('artifact_invalid', 'Give the artifact a short title.', 'title');
  if (title.length > ARTIFACT_LIMITS.title) {
    throw new DomainError(
      'artifact_invalid',
      `Keep the title to ${ARTIFACT_LIMITS.title} characters (it has ${title.length}).`,
      'title',
    );
  }
  const link = (input.link ?? '').trim();
  if (link !== '' && (!/^https?:\/\/\S+$/i.test(link) || link.length > ARTIFACT_LIMITS.link)) {
    throw new DomainError(
      'artifact_invalid',
      `The link must be a web address starting with https:// (at most ${ARTIFACT_LIMITS.link} characters).`,
      'link',
    );
  }
  const impact = (input.impact ?? '').trim();
  if (impact === '') {
    throw new DomainError(
      'artifact_invalid',
      'Say in a sentence or two what changed because of it: who it helped, what it made possible.',
      'impact',
    );
  }
  if (impact.length > ARTIFACT_LIMITS.impact) {
    throw new DomainError(
      'artifact_invalid',
      `Keep the impact to one or two sentences (at most ${ARTIFACT_LIMITS.impact} characters; it has ${impact.length}).`,
      'impact',
    );
  }
  const occurredOn = (input.occurredOn ?? '').trim();
  if (!isIsoDate(occurredOn)) {
    throw new DomainError('artifact_invalid', 'Pick the date it happened.', 'occurredOn');
  }
  if (occurredOn > rules.today) {
    throw new DomainError(
      'artifact_invalid',
      `The date is in the future (your today is ${rules.today}); add it once it has happened.`,
      'occurredOn',
    );
  }
  if (occurredOn < ARTIFACT_LIMITS.earliest) {
    throw new DomainError(
      'artifact_invalid',
      `Pick a date from ${ARTIFACT_LIMITS.earliest} on.`,
      'occurredOn',
    );
  }
  return {
    kind,
    title,
    link: link === '' ? null : link,
    impact,
    occurredOn,
    evidenceFor: parseEvidenceTarget(input.evidenceFor),
  };
}

/** The kinds an edit form offers: the portfolio's, plus the artifact's own if it is another. */
export function kindsForEdit(current: string | null): string[] {
  const kinds: string[] = [...ARTIFACT_KINDS];
  if (current && !kinds.includes(current)) kinds.unshift(current);
  return kinds;
}

/**
 * The activity source key of an artifact (docs/activity.md). Contributions keep the key the
 * ritual always used (`contribution:<id>`, with `contribution.logged`); every other artifact is
 * `artifact:<id>`. The `artifact.<kind>` event of either is `<key>#artifact`, so removing the
 * artifact removes both with one prefix.
 */
export function artifactSourceKey(artifact: { id: string; source: string }): string {
  return artifact.source === 'contribution' ? `contribution:${artifact.id}` : `artifact:${artifact.id}`;
}

/** The key of the `artifact.<kind>` event (what the quick start ticks from). */
export function artifactKindEventKey(artifact: { id: string; source: string }): string {
  return `${artifactSourceKey(artifact)}#artifact`;
}

/** `2026-08-14` → `2026-Q3`: the calendar quarter of a local date (the date is already local). */
export function quarterOfDay(day: string): string {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

/** Artifacts by quarter of their date, newest quarter first; newest first inside each. */
export function groupByQuarter<T extends { occurredOn: string; id: string }>(
  artifacts: readonly T[],
): Array<{ quarter: string; artifacts: T[] }> {
  const sorted = [...artifacts].sort(newestFirst);
  const groups: Array<{ quarter: string; artifacts: T[] }> = [];
  for (const artifact of sorted) {
    const quarter = quarterOfDay(artifact.occurredOn);
    const last = groups.at(-1);
    if (last?.quarter === quarter) last.artifacts.push(artifact);
    else groups.push({ quarter, artifacts: [artifact] });
  }
  return groups;
}

/** Newest date first; the later-stored of two on one day first. */
export function newestFirst(a: { occurredOn: string; id: string }, b: { occurredOn: string; id: string }) {
  if (a.occurredOn !== b.occurredOn) return a.occurredOn < b.occurredOn ? 1 : -1;
  return Number(b.id) - Number(a.id);
}
