import type { WebClient } from '@slack/web-api';
import { DomainError } from '../../../domain/errors.ts';
import type { Track } from '../../../domain/plans/ladder.ts';
import { requireAdmin } from '../../kit/admin.ts';
import { checklistModal, linkEvidenceModal } from './blocks/readiness-modals.ts';
import { ownerFor, type ReadinessEdge } from './context.ts';

export interface FormRequest {
  client: WebClient;
  triggerId: string;
  teamId: string;
  userId: string;
  /** The readiness list the click came from, replaced once the evidence is saved. */
  responseUrl?: string;
}

/** The evidence picker for one item of the member's checklist. */
export async function openLinkForm(
  edge: ReadinessEdge,
  r: FormRequest,
  trackText: string,
  itemKey: string,
): Promise<void> {
  const owner = await ownerFor(edge, r.client, r.teamId, r.userId);
  const track = edge.readiness.requireTrack(trackText);
  const [view, artifacts] = await Promise.all([edge.readiness.view(owner), edge.portfolio.list(owner)]);
  // The view is of the member's current track; a button from an older list may name another.
  const items = track === view.track ? view.items : await edge.readiness.checklist(owner.teamId, track);
  const item = items.find((i) => i.key === itemKey);
  if (!item) {
    throw new DomainError(
      'readiness_invalid',
      'That item is no longer on your checklist (an admin may have changed it). Run `/careerplan readiness` again.',
    );
  }
  const linkedIds =
    track === view.track ? (view.items.find((i) => i.key === itemKey)?.evidence ?? []).map((a) => a.id) : [];
  await r.client.views.open({
    trigger_id: r.triggerId,
    view: linkEvidenceModal({
      track,
      item,
      artifacts,
      linkedIds,
      metadata: { track, item: item.key, ...(r.responseUrl ? { responseUrl: r.responseUrl } : {}) },
    }),
  });
}

/** Admins only: one track's checklist to edit. */
export async function openChecklistForm(edge: ReadinessEdge, r: FormRequest, track: Track): Promise<void> {
  await requireAdmin(edge, r.client, r.teamId, r.userId, "edit the team's readiness checklists");
  const items = await edge.readiness.checklist(r.teamId, track);
  await r.client.views.open({ trigger_id: r.triggerId, view: checklistModal(track, items) });
}
