import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { ARTIFACT_KINDS, type ArtifactSource, kindsForEdit } from '../../../domain/portfolio/artifact.ts';
import { localDateOf } from '../../../domain/schedules/index.ts';
import { md, modal, section } from '../../kit/blocks.ts';
import { type ArtifactFormValues, artifactModal } from './blocks/artifact-modal.ts';
import { ownerFor, type PortfolioEdge } from './context.ts';
import { PORTFOLIO_VIEWS } from './ids.ts';

/**
 * Opening the portfolio's forms, shared by `/careerplan portfolio add`, App Home, the list's menus
 * and the "Add to portfolio" message shortcut. `responseUrl` is where the form's outcome is
 * answered afterwards: the list it was opened from, or the channel of the message.
 */

export interface FormRequest {
  client: WebClient;
  triggerId: string;
  teamId: string;
  userId: string;
  responseUrl?: string;
  /** 'list': the form came from a list, which is replaced by the updated one afterwards. */
  answer?: 'list' | 'message';
}

/** Where the outcome goes (see views/artifact-forms.ts). */
function answerMetadata(r: FormRequest): Record<string, unknown> {
  return r.responseUrl ? { responseUrl: r.responseUrl, answer: r.answer ?? 'message' } : {};
}

async function open(r: FormRequest, view: ModalView): Promise<void> {
  await r.client.views.open({ trigger_id: r.triggerId, view });
}

export async function openAddForm(
  edge: PortfolioEdge,
  r: FormRequest,
  prefill: Partial<ArtifactFormValues> & {
    note?: string;
    source?: ArtifactSource;
    /** When it happened (a message's time): the date field shows that day in the member's zone. */
    happenedAt?: Date;
  } = {},
): Promise<void> {
  const { owner } = await ownerFor(edge, r.client, r.teamId, r.userId);
  const targets = await edge.portfolio.targets(owner);
  const { note, source, happenedAt, ...values } = prefill;
  const day = happenedAt ? localDateOf(happenedAt, owner.tz) : edge.portfolio.today(owner);
  await open(
    r,
    artifactModal({
      callbackId: PORTFOLIO_VIEWS.add,
      title: 'Add to portfolio',
      kinds: ARTIFACT_KINDS,
      targets,
      values: { occurredOn: day, ...values },
      metadata: { source: source ?? 'manual', ...answerMetadata(r) },
      ...(note ? { note } : {}),
    }),
  );
}

export async function openEditForm(edge: PortfolioEdge, r: FormRequest, rawId: string): Promise<void> {
  const { owner } = await ownerFor(edge, r.client, r.teamId, r.userId);
  const [artifact, targets] = await Promise.all([
    edge.portfolio.find(owner, rawId),
    edge.portfolio.targets(owner),
  ]);
  await open(
    r,
    artifactModal({
      callbackId: PORTFOLIO_VIEWS.edit,
      title: 'Edit artifact',
      kinds: kindsForEdit(artifact.kind),
      targets,
      values: artifact,
      metadata: { id: artifact.id, ...answerMetadata(r) },
    }),
  );
}

/** Removing asks first: the artifact's readiness evidence goes with it. */
export async function openRemoveForm(edge: PortfolioEdge, r: FormRequest, rawId: string): Promise<void> {
  const { owner } = await ownerFor(edge, r.client, r.teamId, r.userId);
  const artifact = await edge.portfolio.find(owner, rawId);
  await open(
    r,
    modal({
      callbackId: PORTFOLIO_VIEWS.remove,
      title: 'Remove artifact',
      submit: 'Remove',
      blocks: [
        section(
          md`Remove *${artifact.title}* (${artifact.occurredOn}) from your portfolio? Readiness items it is evidence for lose it, and the quick start forgets it.`,
        ),
      ],
      metadata: { id: artifact.id, ...answerMetadata(r) },
    }),
  );
}
