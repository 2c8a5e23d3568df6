/**
 * views.* and the two-step file upload (files.getUploadURLExternal → POST → files.completeUploadExternal)
 * for the fake Slack.
 */
import { validateView } from './block-kit-limits.ts';
import { SlackFailure, type StoredView } from './fake-slack-model.ts';
import {
  isRecord,
  type MethodContext,
  type MethodHandler,
  missingArgument,
  optString,
  reqString,
} from './fake-slack-params.ts';

/** Parses and validates the `view` argument; a view Slack would refuse fails the call. */
function readView(ctx: MethodContext, method: string, expectType: 'modal' | 'home'): Record<string, unknown> {
  const view = ctx.params.view;
  if (view === undefined) throw missingArgument('view');
  if (!isRecord(view)) throw new SlackFailure('invalid_arguments', { detail: 'view is not a JSON object' });
  const violations = validateView(view);
  if (view.type !== expectType) violations.push(`${method} needs a view of type "${expectType}"`);
  ctx.reportViolations(method, violations, 'invalid_arguments');
  return view;
}

function newHash(ctx: MethodContext): string {
  return `${Math.floor(Date.now() / 1000)}.${ctx.model.nextId('h')}`;
}

/** The `view` object Slack answers with, including the ids and state an app reads back. */
function viewObject(ctx: MethodContext, v: StoredView): Record<string, unknown> {
  const view = v.view;
  return {
    id: v.id,
    team_id: v.teamId,
    type: view.type,
    blocks: view.blocks,
    private_metadata: view.private_metadata ?? '',
    callback_id: view.callback_id ?? '',
    state: { values: {} },
    hash: v.hash,
    title: view.title,
    close: view.close ?? null,
    submit: view.submit ?? null,
    clear_on_close: view.clear_on_close ?? false,
    notify_on_close: view.notify_on_close ?? false,
    external_id: v.externalId ?? '',
    root_view_id: v.rootViewId,
    previous_view_id: v.previousViewId ?? null,
    app_id: ctx.workspace.appId,
    app_installed_team_id: ctx.workspace.teamId,
    bot_id: ctx.workspace.botId,
  };
}

function store(
  ctx: MethodContext,
  view: Record<string, unknown>,
  extra: Partial<StoredView> = {},
): StoredView {
  const id = extra.id ?? ctx.model.nextId('V');
  const externalId =
    typeof view.external_id === 'string' && view.external_id !== '' ? view.external_id : extra.externalId;
  const stored: StoredView = {
    id,
    teamId: ctx.workspace.teamId,
    hash: newHash(ctx),
    rootViewId: extra.rootViewId ?? id,
    view,
    ...(externalId === undefined ? {} : { externalId }),
    ...(extra.userId === undefined ? {} : { userId: extra.userId }),
    ...(extra.previousViewId === undefined ? {} : { previousViewId: extra.previousViewId }),
  };
  ctx.model.views.set(id, stored);
  return stored;
}

/** Any non-empty trigger_id is accepted: the fake cannot know which ones the app was sent. */
const open: MethodHandler = (ctx) => {
  reqString(ctx.params, 'trigger_id');
  const view = readView(ctx, 'views.open', 'modal');
  return { ok: true, view: viewObject(ctx, store(ctx, view)) };
};

const push: MethodHandler = (ctx) => {
  reqString(ctx.params, 'trigger_id');
  const view = readView(ctx, 'views.push', 'modal');
  return { ok: true, view: viewObject(ctx, store(ctx, view)) };
};

const update: MethodHandler = (ctx) => {
  const viewId = optString(ctx.params, 'view_id');
  const externalId = optString(ctx.params, 'external_id');
  if (!viewId && !externalId) throw missingArgument('view_id or external_id');
  const existing = [...ctx.model.views.values()].find(
    (v) => v.teamId === ctx.workspace.teamId && (viewId ? v.id === viewId : v.externalId === externalId),
  );
  if (!existing) throw new SlackFailure('not_found');
  const hash = optString(ctx.params, 'hash');
  if (hash !== undefined && hash !== existing.hash) throw new SlackFailure('hash_conflict');
  const view = readView(ctx, 'views.update', existing.view.type === 'home' ? 'home' : 'modal');
  const stored = store(ctx, view, { ...existing });
  return { ok: true, view: viewObject(ctx, stored) };
};

/** One home tab per user; republishing keeps the view id and changes the hash. */
const publish: MethodHandler = (ctx) => {
  const userId = reqString(ctx.params, 'user_id');
  if (!ctx.model.user(ctx.workspace.teamId, userId)) throw new SlackFailure('user_not_found');
  const view = readView(ctx, 'views.publish', 'home');
  const existing = [...ctx.model.views.values()].find(
    (v) => v.teamId === ctx.workspace.teamId && v.userId === userId && v.view.type === 'home',
  );
  const hash = optString(ctx.params, 'hash');
  if (existing && hash !== undefined && hash !== existing.hash) throw new SlackFailure('hash_conflict');
  const stored = store(ctx, view, existing ? { ...existing } : { userId });
  return { ok: true, view: viewObject(ctx, stored) };
};

const getUploadUrl: MethodHandler = (ctx) => {
  const filename = reqString(ctx.params, 'filename');
  reqString(ctx.params, 'length');
  const fileId = ctx.model.nextId('F');
  ctx.model.uploads.set(fileId, { fileId, teamId: ctx.workspace.teamId, filename, completed: false });
  return { ok: true, upload_url: `${ctx.baseUrl}/upload/${fileId}`, file_id: fileId };
};

const completeUpload: MethodHandler = (ctx) => {
  const files = ctx.params.files;
  if (files === undefined) throw missingArgument('files');
  if (!Array.isArray(files) || files.length === 0) throw new SlackFailure('invalid_arguments');
  const channelArg = optString(ctx.params, 'channel_id');
  const channel = channelArg ? ctx.model.resolveChannel(ctx.workspace, channelArg) : undefined;
  const done = files.map((f) => {
    const id = isRecord(f) ? optString(f, 'id') : undefined;
    const upload = id === undefined ? undefined : ctx.model.uploads.get(id);
    if (!isRecord(f) || !upload || upload.teamId !== ctx.workspace.teamId || upload.content === undefined) {
      throw new SlackFailure('file_not_found');
    }
    upload.completed = true;
    const title = optString(f, 'title');
    if (title !== undefined) upload.title = title;
    if (channel) upload.channelId = channel.channelId;
    return { id: upload.fileId, name: upload.filename, title: upload.title ?? upload.filename };
  });
  if (channel) {
    // Sharing files into a channel posts a message carrying them, as Slack does.
    const comment = optString(ctx.params, 'initial_comment');
    const threadTs = optString(ctx.params, 'thread_ts');
    ctx.model.messages.push({
      teamId: channel.teamId,
      channelId: channel.channelId,
      ts: ctx.model.nextTs(),
      ...(comment === undefined ? {} : { text: comment }),
      ...(threadTs === undefined ? {} : { threadTs }),
      files: done,
      user: ctx.workspace.botUserId,
      botId: ctx.workspace.botId,
    });
  }
  return { ok: true, files: done };
};

export const viewAndFileMethods: Record<string, MethodHandler> = {
  'views.open': open,
  'views.push': push,
  'views.update': update,
  'views.publish': publish,
  'files.getUploadURLExternal': getUploadUrl,
  'files.completeUploadExternal': completeUpload,
};
