import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { ActivityRecorder } from '../activity/activity.ts';
import type { Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import type { PlanOwner } from '../plans/records.ts';
import { localDateOf } from '../schedules/index.ts';
import {
  ARTIFACT_KINDS,
  type Artifact,
  type ArtifactFields,
  type ArtifactInput,
  type ArtifactSource,
  artifactKindEventKey,
  artifactSourceKey,
  type EvidenceTarget,
  kindsForEdit,
  validateArtifact,
} from './artifact.ts';
import type { PortfolioRepository } from './portfolio.repository.ts';

/** A milestone or key result the member may link an artifact to (picker option). */
export interface EvidenceTargetOption extends EvidenceTarget {
  title: string;
}

/** What an artifact write touches, in one transaction. */
export interface PortfolioWrites {
  portfolio: Pick<PortfolioRepository, 'add' | 'find' | 'update' | 'remove'>;
  activity: ActivityRecorder & { removeSource(teamId: string, sourceKeyPrefix: string): Promise<number> };
}

export interface PortfolioReads {
  portfolio: Pick<PortfolioRepository, 'find' | 'list' | 'count'>;
}

const ID = /^[1-9]\d{0,17}$/;

function notFound(): DomainError {
  return new DomainError(
    'artifact_not_found',
    'That artifact is not in your portfolio (it may have been removed). Nothing was changed.',
  );
}

/** An id that came back from Slack, checked before it reaches SQL. */
export function parseArtifactId(value: unknown): string {
  if (typeof value === 'string' && ID.test(value)) return value;
  throw notFound();
}

/**
 * The impact portfolio's rules (docs/product/portfolio.md): add, edit and remove artifacts, each
 * write with its activity event in one transaction — `artifact.<kind>` is what the quick start
 * ticks from, so an edit that changes the kind moves the tick and a removal takes it away.
 * `targets` lists the member's own milestones and key results; an artifact links only to those.
 */
export function createPortfolioService(deps: {
  reads: PortfolioReads;
  uow: UnitOfWork<PortfolioWrites>;
  targets(owner: PlanOwner): Promise<EvidenceTargetOption[]>;
  clock: Clock;
}) {
  const today = (owner: PlanOwner) => localDateOf(deps.clock.now(), owner.tz);

  async function checkTarget(owner: PlanOwner, fields: ArtifactFields, kept: EvidenceTarget | null) {
    const target = fields.evidenceFor;
    if (!target) return;
    if (kept && kept.type === target.type && kept.id === target.id) return;
    const options = await deps.targets(owner);
    if (!options.some((o) => o.type === target.type && o.id === target.id)) {
      throw new DomainError(
        'artifact_invalid',
        'That milestone or key result is not in your plan any more; pick another or leave it empty.',
        'evidenceFor',
      );
    }
  }

  const kindEvent = (owner: PlanOwner, artifact: { id: string; source: string; kind: string }) => ({
    teamId: owner.teamId,
    userId: owner.userId,
    kind: `artifact.${artifact.kind}` as const,
    sourceKey: artifactKindEventKey(artifact),
    occurredAt: deps.clock.now(),
  });

  return {
    /** The member's local date (the add form's default date, and the export's). */
    today,

    /** Adds an artifact from the form (or a message shortcut) and records its activity. */
    async add(owner: PlanOwner, input: ArtifactInput, source: ArtifactSource = 'manual'): Promise<Artifact> {
      const fields = validateArtifact(input, { today: today(owner), allowedKinds: ARTIFACT_KINDS });
      await checkTarget(owner, fields, null);
      return deps.uow.run(async (r) => {
        const id = await r.portfolio.add(owner.teamId, owner.userId, fields, source);
        await r.activity.record([kindEvent(owner, { id, source, kind: fields.kind })]);
        return { ...fields, id, source, evidenceTitle: null };
      });
    },

    /** Edits the member's artifact; a changed kind moves its `artifact.<kind>` activity. */
    async edit(owner: PlanOwner, rawId: unknown, input: ArtifactInput): Promise<Artifact> {
      const id = parseArtifactId(rawId);
      const existing = await deps.reads.portfolio.find(owner.teamId, owner.userId, id);
      if (!existing) throw notFound();
      const fields = validateArtifact(input, {
        today: today(owner),
        allowedKinds: kindsForEdit(existing.kind),
      });
      await checkTarget(owner, fields, existing.evidenceFor);
      return deps.uow.run(async (r) => {
        if (!(await r.portfolio.update(owner.teamId, owner.userId, id, fields))) throw notFound();
        if (fields.kind !== existing.kind) {
          await r.activity.removeSource(owner.teamId, artifactKindEventKey(existing));
          await r.activity.record([kindEvent(owner, { ...existing, kind: fields.kind })]);
        }
        return { ...existing, ...fields };
      });
    },

    /** Removes the member's artifact, its readiness evidence and its activity. */
    async remove(owner: PlanOwner, rawId: unknown): Promise<Artifact> {
      const id = parseArtifactId(rawId);
      return deps.uow.run(async (r) => {
        const existing = await r.portfolio.find(owner.teamId, owner.userId, id);
        if (!existing || !(await r.portfolio.remove(owner.teamId, owner.userId, id))) throw notFound();
        await r.activity.removeSource(owner.teamId, artifactSourceKey(existing));
        return existing;
      });
    },

    /** One of the member's artifacts (for the edit form). */
    async find(owner: PlanOwner, rawId: unknown): Promise<Artifact> {
      const found = await deps.reads.portfolio.find(owner.teamId, owner.userId, parseArtifactId(rawId));
      if (!found) throw notFound();
      return found;
    },

    /** Every artifact of the member, newest first. */
    list: (owner: PlanOwner) => deps.reads.portfolio.list(owner.teamId, owner.userId),
    count: (owner: PlanOwner) => deps.reads.portfolio.count(owner.teamId, owner.userId),
    /** The milestones and key results an artifact can be evidence for. */
    targets: (owner: PlanOwner) => deps.targets(owner),
  };
}

export type PortfolioService = ReturnType<typeof createPortfolioService>;
