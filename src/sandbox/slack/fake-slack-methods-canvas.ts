/**
 * canvases.* for the fake Slack: a canvas keeps its Markdown so tests can read what the app
 * exported, and a workspace can be set to refuse canvases (`refuseCanvases`) the way a free plan
 * or an admin setting does.
 */
import { SlackFailure } from './fake-slack-model.ts';
import { isRecord, type MethodHandler, missingArgument, optString, reqString } from './fake-slack-params.ts';

const create: MethodHandler = (ctx) => {
  const refusal = ctx.model.canvasRefusals.get(ctx.workspace.teamId);
  if (refusal) throw new SlackFailure(refusal);
  const content = ctx.params.document_content;
  let markdown: string | undefined;
  if (content !== undefined) {
    if (!isRecord(content) || content.type !== 'markdown' || typeof content.markdown !== 'string') {
      throw new SlackFailure('invalid_arguments', {
        response_metadata: { messages: ['[ERROR] document_content must be {type: "markdown", markdown}'] },
      });
    }
    // Slack's limit on canvas Markdown.
    if (content.markdown.length > 1_048_576) throw new SlackFailure('canvas_creation_failed');
    markdown = content.markdown;
  }
  const canvasId = ctx.model.nextId('F');
  const title = optString(ctx.params, 'title');
  ctx.model.canvases.set(canvasId, {
    canvasId,
    teamId: ctx.workspace.teamId,
    access: new Map(),
    ...(title === undefined ? {} : { title }),
    ...(markdown === undefined ? {} : { markdown }),
  });
  return { ok: true, canvas_id: canvasId };
};

function ownCanvas(ctx: Parameters<MethodHandler>[0]) {
  const canvas = ctx.model.canvases.get(reqString(ctx.params, 'canvas_id', 'canvas_not_found'));
  if (!canvas || canvas.teamId !== ctx.workspace.teamId) throw new SlackFailure('canvas_not_found');
  return canvas;
}

const accessSet: MethodHandler = (ctx) => {
  const canvas = ownCanvas(ctx);
  const level = optString(ctx.params, 'access_level');
  if (level !== 'read' && level !== 'write') throw missingArgument('access_level');
  const users = ctx.params.user_ids;
  const ids = Array.isArray(users)
    ? users.map(String)
    : typeof users === 'string'
      ? users.split(',').filter(Boolean)
      : [];
  if (ids.length === 0 && ctx.params.channel_ids === undefined)
    throw missingArgument('user_ids or channel_ids');
  for (const id of ids) {
    if (!ctx.model.user(ctx.workspace.teamId, id)) throw new SlackFailure('user_not_found');
    canvas.access.set(id, level);
  }
  return { ok: true };
};

const remove: MethodHandler = (ctx) => {
  const canvas = ownCanvas(ctx);
  ctx.model.canvases.delete(canvas.canvasId);
  return { ok: true };
};

export const canvasMethods: Record<string, MethodHandler> = {
  'canvases.create': create,
  'canvases.access.set': accessSet,
  'canvases.delete': remove,
};
