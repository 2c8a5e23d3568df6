/**
 * Messages that reach the sandbox other than through chat.*: a slash command's acknowledgement
 * body and posts to a response_url. They follow Slack's rules: ephemeral unless
 * `response_type: in_channel`; on a message action, `replace_original` (the default there) or
 * `delete_original` change the message the button was on, ephemeral or not.
 */
import { validateMessage } from './slack/block-kit-limits.ts';
import type { FakeSlackModel, FakeWorkspace } from './slack/fake-slack-model.ts';
import type { ResponseTarget } from './surfaces.ts';

type Json = Record<string, unknown>;

export interface MessageBody {
  text?: string;
  blocks?: unknown;
}

function bodyOf(json: Json): MessageBody {
  return {
    ...(typeof json.text === 'string' ? { text: json.text } : {}),
    ...(json.blocks === undefined ? {} : { blocks: json.blocks }),
  };
}

export function createResponses(model: FakeSlackModel, workspace: FakeWorkspace, violations: string[]) {
  const responses = {
    /** A message only `userId` sees, in `channelId` ("Only visible to you"). */
    ephemeral(userId: string, channelId: string, body: MessageBody): void {
      model.ephemerals.push({ teamId: workspace.teamId, channelId, user: userId, ts: model.nextTs(), body });
    },
    /** A message from the app in the channel, as chat.postMessage would leave it. */
    inChannel(channelId: string, body: MessageBody, threadTs?: string): void {
      model.messages.push({
        teamId: workspace.teamId,
        channelId,
        ts: model.nextTs(),
        ...body,
        ...(threadTs === undefined ? {} : { threadTs }),
        user: workspace.botUserId,
        botId: workspace.botId,
      });
    },

    /** The HTTP answer to a slash command: '' (nothing to show), JSON, or plain text. */
    commandAck(target: ResponseTarget, raw: string): void {
      if (raw.trim() === '') return;
      let json: Json;
      try {
        const parsed: unknown = JSON.parse(raw);
        json = typeof parsed === 'object' && parsed !== null ? (parsed as Json) : { text: String(parsed) };
      } catch {
        json = { text: raw };
      }
      responses.apply(target, json, 'command acknowledgement');
    },

    /** One post to a response_url; returns the HTTP status Slack would answer with. */
    apply(target: ResponseTarget, json: Json, where = 'response_url'): 200 | 400 | 404 {
      if (json.delete_original === true) return responses.deleteOriginal(target);
      const body = bodyOf(json);
      const found = validateMessage({ text: body.text, blocks: body.blocks });
      if (found.length > 0 || (body.text === undefined && body.blocks === undefined)) {
        for (const v of found) violations.push(`${where}: ${v}`);
        if (found.length === 0) violations.push(`${where}: message without text or blocks`);
        return 400;
      }
      const replace =
        target.messageTs !== undefined &&
        json.replace_original !== false &&
        json.response_type !== 'in_channel';
      if (replace) return responses.replaceOriginal(target, body);
      if (json.response_type === 'in_channel') {
        responses.inChannel(
          target.channelId,
          body,
          typeof json.thread_ts === 'string' ? json.thread_ts : undefined,
        );
      } else {
        responses.ephemeral(target.userId, target.channelId, body);
      }
      return 200;
    },

    replaceOriginal(target: ResponseTarget, body: MessageBody): 200 | 404 {
      if (target.ephemeral) {
        const entry = model.ephemerals.find((e) => e.ts === target.messageTs && e.user === target.userId);
        if (!entry) return 404;
        entry.body = body;
        return 200;
      }
      const message = model.findMessage(workspace.teamId, target.channelId, target.messageTs ?? '');
      if (!message) return 404;
      if (body.text !== undefined) message.text = body.text;
      if (body.blocks !== undefined) message.blocks = body.blocks;
      else delete message.blocks;
      return 200;
    },

    deleteOriginal(target: ResponseTarget): 200 | 404 {
      const list: Array<{ ts: string; channelId: string }> = target.ephemeral
        ? model.ephemerals
        : model.messages;
      const index = list.findIndex((m) => m.ts === target.messageTs && m.channelId === target.channelId);
      if (index < 0) return 404;
      list.splice(index, 1);
      return 200;
    },
  };
  return responses;
}

export type Responses = ReturnType<typeof createResponses>;
