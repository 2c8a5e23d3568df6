import type { WebClient } from '@slack/web-api';
import { slackErrorCode } from './slack-errors.ts';

/** A Markdown export, as a feature's export kind produces it (docs/product/exports.md). */
export interface ExportDocument {
  markdown: string;
  /** e.g. `career-plan.md`. */
  filename: string;
  /** The file's and the canvas's title, e.g. "Career plan". */
  title: string;
  /** The DM line above the file (mrkdwn, already escaped by the caller). */
  comment: string;
}

/** Where an export went: the DM always, a canvas when the workspace allowed one. */
export interface ExportDelivery {
  channelId: string;
  canvas: { id: string; url: string | null } | null;
  /** Why there is no canvas, in one line (null when there is one). */
  noCanvasReason: string | null;
}

/**
 * Why Slack refused a canvas, in words for the member. Refusals that depend on the workspace
 * (its plan, its admins' settings, the scopes granted at install) are expected; anything else is
 * named by its code so an admin can look it up.
 */
export function canvasRefusalReason(code: string | undefined): string {
  switch (code) {
    case 'canvas_disabled_user_team':
    case 'canvas_disabled':
      return 'canvases are turned off in this workspace';
    case 'free_teams_cannot_create_non_tabbed_canvases':
    case 'team_tier_cannot_create_channel_canvases':
    case 'paid_teams_only':
      return "this workspace's Slack plan does not let apps create canvases";
    case 'missing_scope':
    case 'not_allowed_token_type':
      return 'careerplan was installed without permission to create canvases (an admin can reinstall it to add it)';
    case 'restricted_action':
    case 'access_denied':
    case 'no_permission':
      return "the workspace's settings do not let careerplan create canvases";
    case undefined:
      return 'Slack did not create the canvas (it did not answer)';
    default:
      return `Slack did not create the canvas (\`${code.replace(/[^a-z0-9_]/gi, '')}\`)`;
  }
}

/** The canvas's web address, from the workspace's address that auth.test reports. */
async function canvasUrl(client: WebClient, canvasId: string): Promise<string | null> {
  const auth = await client.auth.test().catch(() => undefined);
  if (!auth?.url || !auth.team_id) return null;
  return `${auth.url.replace(/\/?$/, '/')}docs/${auth.team_id}/${canvasId}`;
}

/**
 * Creates the export as a canvas the member can open and edit: Slack makes it owned by the bot,
 * so the member is given write access. A canvas the member cannot open is worse than none, so
 * one that cannot be shared is deleted and reported as refused.
 */
async function createCanvas(
  client: WebClient,
  userId: string,
  doc: ExportDocument,
): Promise<{ id: string; url: string | null } | { refused: string }> {
  let canvasId: string | undefined;
  try {
    const created = await client.canvases.create({
      title: doc.title,
      document_content: { type: 'markdown', markdown: doc.markdown },
    });
    canvasId = created.canvas_id;
    if (!canvasId) return { refused: canvasRefusalReason(undefined) };
    await client.canvases.access.set({ canvas_id: canvasId, access_level: 'write', user_ids: [userId] });
    return { id: canvasId, url: await canvasUrl(client, canvasId) };
  } catch (error) {
    if (canvasId) {
      const orphan = canvasId;
      await client.canvases.delete({ canvas_id: orphan }).catch(() => undefined);
    }
    return { refused: canvasRefusalReason(slackErrorCode(error) ?? 'unknown_error') };
  }
}

/**
 * Delivers an export to the member's DM with the app: as a Slack canvas when the workspace allows
 * it, and always as a Markdown file. The file's message carries the canvas link, or the one-line
 * reason there is no canvas. Every feature's export kind goes through here.
 */
export async function deliverExport(
  client: WebClient,
  userId: string,
  doc: ExportDocument,
): Promise<ExportDelivery> {
  const dm = await client.conversations.open({ users: userId });
  const channelId = dm.channel?.id;
  if (!channelId) throw new Error('conversations.open returned no channel');
  const canvas = await createCanvas(client, userId, doc);
  const canvasLine =
    'refused' in canvas
      ? `_No canvas this time: ${canvas.refused}._`
      : canvas.url
        ? `Also as a canvas you can edit: <${canvas.url}|${doc.title.replace(/[<>|]/g, '')}>.`
        : 'Also as a canvas you can edit (under *Canvases* in Slack).';
  await client.filesUploadV2({
    channel_id: channelId,
    content: doc.markdown,
    filename: doc.filename,
    title: doc.title,
    initial_comment: `${doc.comment}\n${canvasLine}`,
  });
  return 'refused' in canvas
    ? { channelId, canvas: null, noCanvasReason: canvas.refused }
    : { channelId, canvas, noCanvasReason: null };
}

/** The member's ephemeral answer: "<What> is in your DM …, as a Markdown file and a canvas." */
export function exportReply(what: string, delivery: ExportDelivery): string {
  return delivery.canvas
    ? `:page_facing_up: ${what} is in your DM with careerplan, as a Markdown file and a canvas.`
    : `:page_facing_up: ${what} is in your DM with careerplan, as a Markdown file (no canvas: ${delivery.noCanvasReason}).`;
}
