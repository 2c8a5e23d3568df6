/**
 * What the sandbox page shows one person: the workspace's people and channels, each visible
 * conversation with its threads and the ephemeral messages only they see, their Home tab and the
 * modal on top of their stack. The page fetches this again on every change signal.
 */
import type { FakeSlackModel, FakeWorkspace, StoredMessage } from './slack/fake-slack-model.ts';
import { tsToMicros } from './slack/fake-slack-model.ts';
import type { Surfaces } from './surfaces.ts';

export interface FileView {
  id: string;
  name: string;
  title: string;
  url: string;
  isImage: boolean;
  /** The start of a text file (Markdown exports), shown in the message. */
  preview?: string;
}

export interface MessageView {
  ts: string;
  user: string;
  text: string;
  blocks?: unknown;
  files?: FileView[];
  ephemeral?: true;
  replies?: MessageView[];
}

const IMAGE_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
};

/** The content type a file is served with; anything not an image is shown as text. */
export function fileContentType(filename: string | undefined): string {
  const extension = (filename ?? '').split('.').pop()?.toLowerCase() ?? '';
  return IMAGE_TYPES[extension] ?? 'text/plain; charset=utf-8';
}

export function createSnapshots(model: FakeSlackModel, workspace: FakeWorkspace, surfaces: Surfaces) {
  const fileView = (file: unknown): FileView | undefined => {
    const id = typeof file === 'object' && file !== null ? (file as { id?: unknown }).id : undefined;
    const upload = typeof id === 'string' ? model.uploads.get(id) : undefined;
    if (!upload) return undefined;
    const isImage = fileContentType(upload.filename).startsWith('image/');
    return {
      id: upload.fileId,
      name: upload.filename ?? upload.fileId,
      title: upload.title ?? upload.filename ?? upload.fileId,
      url: `/sandbox/files/${encodeURIComponent(upload.fileId)}`,
      isImage,
      ...(isImage ? {} : { preview: (upload.content ?? '').slice(0, 1500) }),
    };
  };

  const messageView = (m: StoredMessage): MessageView => {
    const files = (m.files ?? []).map(fileView).filter((f): f is FileView => f !== undefined);
    return {
      ts: m.ts,
      user: m.user,
      text: m.text ?? '',
      ...(m.blocks === undefined ? {} : { blocks: m.blocks }),
      ...(files.length > 0 ? { files } : {}),
    };
  };

  /** Top-level messages with their replies, and this person's ephemerals, oldest first. */
  const conversation = (channelId: string, userId: string): MessageView[] => {
    const all = model.channelMessages(workspace.teamId, channelId);
    const top = all.filter((m) => m.threadTs === undefined || m.threadTs === m.ts);
    const list: MessageView[] = top.map((m) => {
      const replies = all.filter((r) => r.threadTs === m.ts && r.ts !== m.ts).map(messageView);
      return replies.length > 0 ? { ...messageView(m), replies } : messageView(m);
    });
    for (const e of model.ephemerals) {
      if (e.teamId !== workspace.teamId || e.channelId !== channelId || e.user !== userId) continue;
      const body = (e.body ?? {}) as { text?: string; blocks?: unknown };
      list.push({
        ts: e.ts,
        user: workspace.botUserId,
        text: body.text ?? '',
        ...(body.blocks === undefined ? {} : { blocks: body.blocks }),
        ephemeral: true,
      });
    }
    return list.sort((a, b) => tsToMicros(a.ts) - tsToMicros(b.ts));
  };

  return {
    for(userId: string) {
      const people = model.teamUsers(workspace.teamId).map((u) => ({
        id: u.userId,
        name: u.name,
        realName: u.realName,
        tz: u.tz,
        isAdmin: u.isAdmin,
        isBot: u.isBot,
      }));
      const channels = [...model.channels.values()]
        .filter((c) => c.teamId === workspace.teamId && c.imUser === undefined)
        .map((c) => ({ id: c.channelId, name: c.name, members: c.members.length }));
      const dmId = model.dmChannelId(userId);
      const conversations: Record<string, MessageView[]> = { [dmId]: conversation(dmId, userId) };
      for (const c of channels) conversations[c.id] = conversation(c.id, userId);
      const home = [...model.views.values()].find(
        (v) => v.teamId === workspace.teamId && v.userId === userId && v.view.type === 'home',
      );
      const topId = surfaces.topModal(userId);
      const top = topId === undefined ? undefined : model.views.get(topId);
      return {
        version: surfaces.version,
        team: { id: workspace.teamId, name: workspace.teamName },
        me: userId,
        bot: { id: workspace.botUserId, name: 'careerplan' },
        people,
        channels,
        dm: dmId,
        conversations,
        home: home ? { id: home.id, view: home.view } : null,
        modal: top
          ? {
              id: top.id,
              view: top.view,
              depth: surfaces.modalStack(userId).length,
              errors: surfaces.fieldErrors(top.id),
              banner: surfaces.banner(top.id) ?? null,
            }
          : null,
      };
    },
  };
}

export type Snapshot = ReturnType<ReturnType<typeof createSnapshots>['for']>;
