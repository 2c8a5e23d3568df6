/**
 * What a person does in the sandbox page, turned into what Slack would send the app: slash
 * commands, button clicks and menu picks (block_actions), modal submissions and closes, and
 * opening the app's Home tab (app_home_opened). Answers are applied the way Slack applies them.
 */
import type { AppLink } from './app-link.ts';
import {
  type Actor,
  blockActionsPayload,
  eventEnvelope,
  type StateValues,
  slashCommandFields,
  viewClosedPayload,
  viewPayload,
  viewSubmissionPayload,
} from './payloads.ts';
import type { Responses } from './responses.ts';
import { validateView } from './slack/block-kit-limits.ts';
import {
  type FakeSlackModel,
  type FakeWorkspace,
  messageObject,
  type StoredView,
} from './slack/fake-slack-model.ts';
import type { Surfaces } from './surfaces.ts';

type Json = Record<string, unknown>;

/** Where a clicked element is: a message in a channel (maybe ephemeral), or a modal / Home tab. */
export type ActionPlace =
  | { kind: 'message'; channelId: string; ts: string }
  | { kind: 'view'; viewId: string };

export class SandboxRefusal extends Error {}

export interface InteractionDeps {
  model: FakeSlackModel;
  workspace: FakeWorkspace;
  link: AppLink;
  surfaces: Surfaces;
  responses: Responses;
  violations: string[];
  /** The absolute URL of a response_url id (served by the sandbox page server). */
  responseUrl(id: string): string;
}

/** What Slack shows when an app does not answer in time or answers with an error status. */
function failure(status: number): string {
  return status === 0 ? 'operation_timeout' : `http_error_${status}`;
}

export function createInteractions(deps: InteractionDeps) {
  const { model, workspace, link, surfaces, responses } = deps;

  const actor = (userId: string): Actor => {
    const user = model.user(workspace.teamId, userId);
    if (!user || user.isBot || user.deleted) throw new SandboxRefusal(`no person ${userId} in the workspace`);
    return { workspace, userId, userName: user.name };
  };
  const channelName = (channelId: string, userId: string): string => {
    if (channelId === model.dmChannelId(userId)) return 'directmessage';
    const channel = model.channels.get(`${workspace.teamId}/${channelId}`);
    if (!channel || channel.imUser !== undefined) throw new SandboxRefusal(`no channel ${channelId}`);
    return channel.name;
  };
  const ownView = (userId: string, viewId: string): StoredView => {
    const view = model.views.get(viewId);
    const mine =
      view !== undefined &&
      (surfaces.modalStack(userId).includes(viewId) || (view.view.type === 'home' && view.userId === userId));
    if (!view || !mine) throw new SandboxRefusal('that view is not open for this person');
    return view;
  };
  const newHash = () => `${Math.floor(Date.now() / 1000)}.${model.nextId('h')}`;

  /** A view the app answered a submission with (update/push) must pass Slack's checks too. */
  const acceptedView = (viewId: string, view: unknown): Json | undefined => {
    const found = typeof view === 'object' && view !== null ? validateView(view) : ['view is not an object'];
    if (found.length === 0) return view as Json;
    for (const v of found) deps.violations.push(`view_submission answer: ${v}`);
    surfaces.setBanner(viewId, `Slack would refuse the view the app answered with: ${found[0]}`);
    return undefined;
  };

  const applySubmissionAnswer = (userId: string, view: StoredView, raw: string): void => {
    let answer: Json = {};
    try {
      answer = raw.trim() === '' ? {} : (JSON.parse(raw) as Json);
    } catch {
      surfaces.setBanner(view.id, 'The app answered with something that is not JSON.');
      return;
    }
    const action = answer.response_action;
    if (action === 'errors' && typeof answer.errors === 'object' && answer.errors !== null) {
      surfaces.setFieldErrors(view.id, answer.errors as Record<string, string>);
      surfaces.setBanner(view.id, undefined);
    } else if (action === 'update') {
      const next = acceptedView(view.id, answer.view);
      if (next) {
        model.views.set(view.id, { ...view, view: next, hash: newHash() });
        surfaces.setFieldErrors(view.id, {});
      }
    } else if (action === 'push') {
      const next = acceptedView(view.id, answer.view);
      if (next) {
        const id = model.nextId('V');
        model.views.set(id, {
          id,
          teamId: workspace.teamId,
          hash: newHash(),
          rootViewId: view.rootViewId,
          previousViewId: view.id,
          view: next,
        });
        surfaces.pushModal(userId, id);
      }
    } else if (action === 'clear') {
      for (const id of surfaces.modalStack(userId)) surfaces.popModal(userId, id);
    } else {
      surfaces.popModal(userId, view.id);
    }
  };

  return {
    /** The composer's `/careerplan …`; any other slash command gets Slack's "not a valid command". */
    async command(userId: string, channelId: string, input: string): Promise<void> {
      const who = actor(userId);
      const name = channelName(channelId, userId);
      const [command = '', ...rest] = input.trim().split(/\s+/);
      if (command !== '/careerplan') {
        responses.ephemeral(userId, channelId, {
          text: `\`${command}\` is not a valid command. In this sandbox only \`/careerplan\` is installed.`,
        });
        return surfaces.changed();
      }
      const target = { userId, channelId };
      const responseId = surfaces.newResponseTarget(target);
      const answer = await link.form(
        slashCommandFields(who, {
          command,
          text: rest.join(' '),
          channelId,
          channelName: name,
          triggerId: surfaces.newTrigger(userId),
          responseUrl: deps.responseUrl(responseId),
        }),
      );
      if (answer.status === 200) responses.commandAck({ ...target, createdAt: Date.now() }, answer.body);
      else
        responses.ephemeral(userId, channelId, {
          text: `\`${command}\` failed with the error "${failure(answer.status)}"`,
        });
      surfaces.changed();
    },

    /** A plain message typed by a person (careerplan listens to no message events). */
    say(userId: string, channelId: string, text: string, threadTs?: string): void {
      actor(userId);
      channelName(channelId, userId);
      if (text.trim() === '') return;
      model.messages.push({
        teamId: workspace.teamId,
        channelId,
        ts: model.nextTs(),
        text,
        ...(threadTs === undefined ? {} : { threadTs }),
        user: userId,
        botId: '',
      });
      surfaces.changed();
    },

    /** A click or pick on an interactive element: block_actions with the view's current state. */
    async action(userId: string, place: ActionPlace, action: Json, values: StateValues): Promise<void> {
      const who = actor(userId);
      const triggerId = surfaces.newTrigger(userId);
      if (place.kind === 'view') {
        const view = ownView(userId, place.viewId);
        const answer = await link.payload(
          blockActionsPayload(who, { kind: 'view', view }, action, values, triggerId),
        );
        if (answer.status !== 200) surfaces.setBanner(view.id, `The app failed: ${failure(answer.status)}`);
        return surfaces.changed();
      }
      const name = channelName(place.channelId, userId);
      const stored = model.findMessage(workspace.teamId, place.channelId, place.ts);
      const ephemeral = model.ephemerals.find((e) => e.ts === place.ts && e.user === userId);
      if (!stored && !ephemeral) throw new SandboxRefusal('that message is gone');
      const message = stored
        ? messageObject(stored, false)
        : { type: 'message', ts: place.ts, ...(ephemeral?.body as Json) };
      const target = { userId, channelId: place.channelId, messageTs: place.ts, ephemeral: !stored };
      const responseUrl = deps.responseUrl(surfaces.newResponseTarget(target));
      const payload = blockActionsPayload(
        who,
        {
          kind: 'message',
          channelId: place.channelId,
          channelName: name,
          message,
          ephemeral: !stored,
          responseUrl,
        },
        action,
        values,
        triggerId,
      );
      const answer = await link.payload(payload);
      if (answer.status !== 200)
        responses.ephemeral(userId, place.channelId, { text: `The app failed: ${failure(answer.status)}` });
      surfaces.changed();
    },

    async submit(userId: string, viewId: string, values: StateValues): Promise<void> {
      const who = actor(userId);
      const view = ownView(userId, viewId);
      const answer = await link.payload(
        viewSubmissionPayload(who, view, values, surfaces.newTrigger(userId)),
      );
      if (answer.status === 200) applySubmissionAnswer(userId, view, answer.body);
      else
        surfaces.setBanner(view.id, `We had some trouble connecting (${failure(answer.status)}). Try again?`);
      surfaces.changed();
    },

    /** Closing a modal: `view_closed` goes to the app only when the view asked for it. */
    async close(userId: string, viewId: string, values: StateValues): Promise<void> {
      const who = actor(userId);
      const view = ownView(userId, viewId);
      surfaces.popModal(userId, viewId);
      surfaces.changed();
      if (view.view.notify_on_close === true) await link.payload(viewClosedPayload(who, view, values));
    },

    /** Opening the app's Home tab: Slack sends app_home_opened and shows what the app published. */
    async openHome(userId: string): Promise<void> {
      actor(userId);
      const home = [...model.views.values()].find(
        (v) => v.teamId === workspace.teamId && v.userId === userId && v.view.type === 'home',
      );
      const event = {
        type: 'app_home_opened',
        user: userId,
        channel: model.dmChannelId(userId),
        tab: 'home',
        event_ts: (Date.now() / 1000).toFixed(6),
        ...(home ? { view: viewPayload(workspace, home, {}) } : {}),
      };
      await link.event(eventEnvelope(workspace, event, `Ev${model.nextId('')}`));
      surfaces.changed();
    },
  };
}

export type Interactions = ReturnType<typeof createInteractions>;
