import type { ViewOutput } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { DomainError } from '../../../../domain/errors.ts';
import type { Artifact, ArtifactInput } from '../../../../domain/portfolio/artifact.ts';
import { md, noticeModal } from '../../../kit/blocks.ts';
import { formSubmission, respond, type Submission } from '../../../kit/form.ts';
import { postToResponseUrl } from '../../../kit/response-url.ts';
import { fieldValue, metadataOf } from '../../../kit/view-state.ts';
import { portfolioListMessage } from '../blocks/portfolio-list.ts';
import { ownerFor, type PortfolioEdge } from '../context.ts';
import { ARTIFACT_FIELDS, NO_TARGET, PORTFOLIO_VIEWS } from '../ids.ts';

function readArtifactForm(view: ViewOutput): ArtifactInput {
  const evidence = fieldValue(view, ARTIFACT_FIELDS.evidenceFor);
  return {
    kind: fieldValue(view, ARTIFACT_FIELDS.kind),
    title: fieldValue(view, ARTIFACT_FIELDS.title),
    link: fieldValue(view, ARTIFACT_FIELDS.link),
    impact: fieldValue(view, ARTIFACT_FIELDS.impact),
    occurredOn: fieldValue(view, ARTIFACT_FIELDS.occurredOn),
    evidenceFor: evidence === NO_TARGET ? '' : evidence,
  };
}

/** Where the form's outcome is answered: the list it came from, or the message's channel. */
interface Answer {
  responseUrl?: string;
  /** True when the form came from a list, which is then replaced by the updated one. */
  replaceList: boolean;
}

function answerOf(view: ViewOutput): Answer {
  const meta = metadataOf(view);
  const responseUrl = typeof meta.responseUrl === 'string' ? meta.responseUrl : undefined;
  return { ...(responseUrl ? { responseUrl } : {}), replaceList: meta.answer === 'list' };
}

interface Stored extends Answer {
  artifact: Artifact;
}

/** Stores with `save`, then answers (list or confirmation) and republishes App Home. */
function artifactForm(
  edge: PortfolioEdge,
  save: (s: Submission) => Promise<Artifact>,
  confirmation: (a: Artifact) => string,
) {
  return formSubmission<Stored>(
    { logger: edge.logger, guard: edge.guard },
    {
      fallbackBlock: ARTIFACT_FIELDS.title,
      async save(submission) {
        return { artifact: await save(submission), ...answerOf(submission.args.view) };
      },
      async after({ args: { client }, teamId, userId }, stored) {
        await answer(edge, client, teamId, userId, stored, confirmation(stored.artifact));
        await edge.home.refresh(client, teamId, userId);
      },
    },
  );
}

async function answer(
  edge: PortfolioEdge,
  client: WebClient,
  teamId: string,
  userId: string,
  stored: Answer,
  note: string,
): Promise<void> {
  if (!stored.responseUrl) return;
  if (stored.replaceList) {
    const { owner } = await ownerFor(edge, client, teamId, userId);
    const list = portfolioListMessage(await edge.portfolio.list(owner), note);
    await postToResponseUrl(stored.responseUrl, { ...list, replaceOriginal: true });
  } else {
    await postToResponseUrl(stored.responseUrl, { text: note });
  }
}

/** The add form (command, App Home, list or message shortcut). */
export function artifactAddSubmitted(edge: PortfolioEdge) {
  return artifactForm(
    edge,
    async ({ args: { view, client }, teamId, userId }) => {
      const { owner } = await ownerFor(edge, client, teamId, userId);
      const source = metadataOf(view).source === 'message' ? 'message' : 'manual';
      return edge.portfolio.add(owner, readArtifactForm(view), source);
    },
    (a) =>
      md`:white_check_mark: Added *${a.title}* to your portfolio. \`/careerplan portfolio\` lists it and \`/careerplan readiness\` can link it as evidence.`,
  );
}

/** The edit form (from the list's menu). */
export function artifactEditSubmitted(edge: PortfolioEdge) {
  return artifactForm(
    edge,
    async ({ args: { view, client }, teamId, userId }) => {
      const { owner } = await ownerFor(edge, client, teamId, userId);
      return edge.portfolio.edit(owner, metadataOf(view).id, readArtifactForm(view));
    },
    (a) => md`:pencil2: Saved *${a.title}*.`,
  );
}

/**
 * The remove confirmation (from the list's menu). It has no input to show an error beside, so an
 * artifact that is already gone answers with a notice in the same modal.
 */
export function artifactRemoveSubmitted(edge: PortfolioEdge) {
  return formSubmission<Stored>(
    { logger: edge.logger, guard: edge.guard },
    {
      fallbackBlock: 'remove',
      async save({ args: { view, client }, teamId, userId }) {
        const { owner } = await ownerFor(edge, client, teamId, userId);
        try {
          return { artifact: await edge.portfolio.remove(owner, metadataOf(view).id), ...answerOf(view) };
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          return respond({
            response_action: 'update',
            view: noticeModal(PORTFOLIO_VIEWS.notice, 'Nothing removed', error.message),
          });
        }
      },
      async after({ args: { client }, teamId, userId }, stored) {
        const note = md`:wastebasket: Removed *${stored.artifact.title}* from your portfolio.`;
        await answer(edge, client, teamId, userId, stored, note);
        await edge.home.refresh(client, teamId, userId);
      },
    },
  );
}
