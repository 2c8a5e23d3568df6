import { DomainError } from '../errors.ts';
import { TRACKS, type Track } from '../plans/ladder.ts';
import type { Artifact } from '../portfolio/artifact.ts';

/**
 * Promotion readiness (docs/product/readiness.md): per track, a checklist of what the next level
 * expects. An item ticks only when enough portfolio artifacts are linked to it as evidence —
 * there is no bare tick.
 */

export interface ChecklistItem {
  /** Stable id: evidence is linked to it, so rewording an item keeps its evidence. */
  key: string;
  label: string;
  /** How many artifacts tick it (e.g. "led two initiatives" needs 2). */
  evidenceNeeded: number;
}

export const READINESS_LIMITS = { maxItems: 10, minLabel: 3, maxLabel: 150, maxEvidence: 5 } as const;

/**
 * What a team starts with until an admin edits a track. The people-manager track has none: what
 * a manager's promotion needs differs too much between companies, so the team writes its own.
 */
export const DEFAULT_CHECKLISTS: Readonly<Record<Track, readonly ChecklistItem[]>> = {
  ic: [
    { key: 'led_initiatives', label: 'Led two end-to-end initiatives', evidenceNeeded: 2 },
    { key: 'mentored', label: 'Mentored someone', evidenceNeeded: 1 },
    { key: 'public_design', label: 'A documented design with a public write-up', evidenceNeeded: 1 },
    { key: 'e2e_observability', label: 'One end-to-end feature with observability', evidenceNeeded: 1 },
  ],
  staff: [
    { key: 'cross_team_architecture', label: 'Shaped architecture across teams', evidenceNeeded: 1 },
    { key: 'platform_governance', label: 'Improved a platform or how it is governed', evidenceNeeded: 1 },
    { key: 'talk', label: 'Gave a talk', evidenceNeeded: 1 },
    { key: 'architecture_writeup', label: 'Published an architecture write-up', evidenceNeeded: 1 },
  ],
  manager: [],
};

/** Artifact kinds the evidence picker lists first for the default items (a hint, not a rule). */
export const SUGGESTED_KINDS: Readonly<Record<string, readonly string[]>> = {
  led_initiatives: ['feature_shipped', 'design_doc'],
  mentored: ['mentoring_note'],
  public_design: ['design_doc', 'blog_post', 'talk'],
  e2e_observability: ['dashboard_observability', 'feature_shipped'],
  cross_team_architecture: ['design_doc'],
  platform_governance: ['feature_shipped', 'design_doc'],
  talk: ['talk'],
  architecture_writeup: ['blog_post', 'design_doc'],
};

export function isTrack(value: string): value is Track {
  return (TRACKS as readonly string[]).includes(value);
}

/** A link between a checklist item and an artifact of the member's portfolio. */
export interface EvidenceLink {
  itemKey: string;
  artifact: Pick<Artifact, 'id' | 'title' | 'link' | 'kind' | 'occurredOn'>;
}

export interface ItemStatus extends ChecklistItem {
  evidence: EvidenceLink['artifact'][];
  done: boolean;
}

export interface ReadinessStatus {
  items: ItemStatus[];
  doneCount: number;
  total: number;
  /** The first item still missing evidence, in checklist order. */
  next: ItemStatus | null;
  complete: boolean;
}

/** Ticks each item that has at least `evidenceNeeded` linked artifacts. */
export function readinessStatus(
  items: readonly ChecklistItem[],
  links: readonly EvidenceLink[],
): ReadinessStatus {
  const statuses = items.map((item) => {
    const evidence = links.filter((l) => l.itemKey === item.key).map((l) => l.artifact);
    return { ...item, evidence, done: evidence.length >= item.evidenceNeeded };
  });
  const doneCount = statuses.filter((s) => s.done).length;
  return {
    items: statuses,
    doneCount,
    total: statuses.length,
    next: statuses.find((s) => !s.done) ?? null,
    complete: statuses.length > 0 && doneCount === statuses.length,
  };
}

/** One row of the admin's edit form: an existing item (key) or a new one (key null). */
export interface ChecklistSlot {
  key: string | null;
  label: string;
  evidenceNeeded: string;
  /** The form field of the label, where an error about this row is shown. */
  field: string;
}

function keyFor(label: string, taken: Set<string>): string {
  const base =
    label
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'item';
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  taken.add(key);
  return key;
}

/**
 * The admin's edited checklist: blank rows are removed, the rest keep their order. Existing rows
 * keep their key (so members' evidence stays linked); new rows get a key from their words.
 * Errors name the row's field; nothing is stored when one is raised.
 */
export function validateChecklist(slots: readonly ChecklistSlot[]): ChecklistItem[] {
  const kept = slots.filter((s) => s.label.trim() !== '');
  if (kept.length > READINESS_LIMITS.maxItems) {
    throw new DomainError(
      'readiness_invalid',
      `A checklist holds at most ${READINESS_LIMITS.maxItems} items; clear one.`,
      kept[READINESS_LIMITS.maxItems]?.field,
    );
  }
  const taken = new Set(kept.flatMap((s) => (s.key ? [s.key] : [])));
  const labels = new Set<string>();
  return kept.map((slot) => {
    const label = slot.label.replace(/\s+/g, ' ').trim();
    if (label.length < READINESS_LIMITS.minLabel || label.length > READINESS_LIMITS.maxLabel) {
      throw new DomainError(
        'readiness_invalid',
        `Write each item in ${READINESS_LIMITS.minLabel} to ${READINESS_LIMITS.maxLabel} characters.`,
        slot.field,
      );
    }
    if (labels.has(label.toLowerCase())) {
      throw new DomainError('readiness_invalid', 'This item is already on the checklist.', slot.field);
    }
    labels.add(label.toLowerCase());
    const needed = Number(slot.evidenceNeeded || '1');
    if (!Number.isInteger(needed) || needed < 1 || needed > READINESS_LIMITS.maxEvidence) {
      throw new DomainError(
        'readiness_invalid',
        `An item needs 1 to ${READINESS_LIMITS.maxEvidence} pieces of evidence.`,
        slot.field,
      );
    }
    return { key: slot.key ?? keyFor(label, taken), label, evidenceNeeded: needed };
  });
}

/** Reads a stored checklist (JSON) back, dropping anything malformed rather than failing. */
export function parseStoredChecklist(value: unknown): ChecklistItem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((raw: unknown) => {
    if (typeof raw !== 'object' || raw === null) return [];
    const { key, label, evidenceNeeded } = raw as Record<string, unknown>;
    if (typeof key !== 'string' || typeof label !== 'string') return [];
    const needed = typeof evidenceNeeded === 'number' && evidenceNeeded >= 1 ? evidenceNeeded : 1;
    return [{ key, label, evidenceNeeded: needed }];
  });
}
