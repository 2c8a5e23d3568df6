/**
 * A local stand-in for Slack's Web API, for e2e tests: the app under test gets
 * `SLACK_API_URL=fake.url` and talks real HTTP to it through @slack/web-api, so retries,
 * rate limits, form encoding and error handling are exercised exactly as in production.
 *
 * It is a strict fake: unknown tokens, other teams' channels, unknown methods and Block Kit
 * payloads Slack would refuse all fail like Slack does, and every Block Kit problem is also
 * recorded in `violations` so a test can assert the app never sent one.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateMessage } from './block-kit-limits.ts';
import { FakeSlackFaults } from './fake-slack-faults.ts';
import { parseRequest, readBody, sendJson } from './fake-slack-http.ts';
import { authenticatedMethods, unauthenticatedMethods } from './fake-slack-methods.ts';
import { FakeSlackModel, SlackFailure, type StoredMessage } from './fake-slack-model.ts';
import { type BaseContext, isRecord, type OAuthInstall, type SlackAnswer } from './fake-slack-params.ts';
import { FakeScheduler } from './fake-slack-scheduler.ts';
import { attachSocketMode } from './fake-slack-socket.ts';
import type {
  FakeSlack,
  FakeSlackCall,
  FakeSlackMessage,
  StartFakeSlackOptions,
} from './fake-slack-types.ts';
import { TEST_APP_ID } from './slack-signer.ts';

export type {
  FakeSlack,
  FakeSlackCall,
  FakeSlackMessage,
  FakeSlackScheduledMessage,
  FakeSlackView,
  InjectedFailure,
  MessageRateLimits,
  StartFakeSlackOptions,
} from './fake-slack-types.ts';

/** A stored message as tests see it. */
function inspectMessage(m: StoredMessage): FakeSlackMessage {
  return {
    teamId: m.teamId,
    ts: m.ts,
    user: m.user,
    ...(m.text === undefined ? {} : { text: m.text }),
    ...(m.blocks === undefined ? {} : { blocks: m.blocks }),
    ...(m.metadata === undefined ? {} : { metadata: m.metadata }),
    ...(m.threadTs === undefined ? {} : { threadTs: m.threadTs }),
    ...(m.files === undefined ? {} : { files: m.files }),
    ...(m.scheduledMessageId === undefined ? {} : { scheduledMessageId: m.scheduledMessageId }),
    ...(m.deliveredAt === undefined ? {} : { deliveredAt: m.deliveredAt }),
  };
}

export async function startFakeSlack(options: StartFakeSlackOptions = {}): Promise<FakeSlack> {
  const random = options.random ?? Math.random;
  const model = options.model ?? new FakeSlackModel();
  const calls: FakeSlackCall[] = [];
  const violations: string[] = [];
  const oauthInstalls = new Map<string, OAuthInstall>();
  const posts: Array<{ id: string; body: Record<string, unknown> }> = [];
  const faults = new FakeSlackFaults(random);
  const scheduler = new FakeScheduler(model, () => options.onScheduledDelivery?.());
  let baseUrl = '';

  const dispatch = (
    method: string,
    token: string | undefined,
    params: Record<string, unknown>,
  ): SlackAnswer => {
    const workspace = token === undefined ? undefined : model.workspaceByToken(token);
    const base: BaseContext = {
      model,
      params,
      baseUrl,
      oauthInstalls,
      scheduler,
      recordViolation(where, what) {
        violations.push(`${where} [team ${workspace?.teamId ?? '?'}]: ${what}`);
      },
      reportViolations(where, found, error) {
        if (found.length === 0) return;
        for (const v of found) violations.push(`${where} [team ${workspace?.teamId ?? '?'}]: ${v}`);
        throw new SlackFailure(error, { response_metadata: { messages: found.map((v) => `[ERROR] ${v}`) } });
      },
    };
    try {
      const unauthenticated = Object.hasOwn(unauthenticatedMethods, method)
        ? unauthenticatedMethods[method]
        : undefined;
      if (unauthenticated) return unauthenticated(base);
      const handler = Object.hasOwn(authenticatedMethods, method) ? authenticatedMethods[method] : undefined;
      if (!handler) return { ok: false, error: 'unknown_method' };
      if (token === undefined || token === '') return { ok: false, error: 'not_authed' };
      if (!workspace) return { ok: false, error: 'invalid_auth' };
      return handler({ ...base, workspace });
    } catch (e) {
      if (e instanceof SlackFailure) return { ok: false, error: e.code, ...e.extra };
      // A bug in the fake itself must fail the test, not look like a Slack error.
      violations.push(`fake-slack internal error in ${method}: ${e instanceof Error ? e.stack : String(e)}`);
      return { ok: false, error: 'fatal_error' };
    }
  };

  const handleApi = async (
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    via?: string,
  ): Promise<void> => {
    let parsed: Awaited<ReturnType<typeof parseRequest>>;
    try {
      parsed = await parseRequest(req, await readBody(req));
    } catch (e) {
      if (!(e instanceof SlackFailure)) throw e;
      calls.push({ method, params: {}, at: Date.now(), response: { ok: false, error: e.code } });
      return sendJson(res, 200, { ok: false, error: e.code });
    }
    const { params, token } = parsed;
    const workspace = token === undefined ? undefined : model.workspaceByToken(token);
    const call: FakeSlackCall = { method, params, at: Date.now() };
    if (via !== undefined) call.via = via;
    if (token !== undefined) call.token = token;
    if (workspace) call.teamId = workspace.teamId;
    calls.push(call);
    const decision = faults.decide(call, params);
    if (decision.kind === 'ratelimited') {
      call.injectedStatus = 429;
      sendJson(
        res,
        429,
        { ok: false, error: 'ratelimited' },
        { 'retry-after': String(decision.retryAfterSeconds) },
      );
      return;
    }
    if (decision.kind === 'fail') {
      call.injectedStatus = decision.status;
      const headers: Record<string, string> =
        decision.status === 429 ? { 'retry-after': String(decision.retryAfterSeconds) } : {};
      sendJson(
        res,
        decision.status,
        { ok: false, error: decision.status === 429 ? 'ratelimited' : 'service_unavailable' },
        headers,
      );
      return;
    }
    // Authenticated by an app-level token, not a workspace's bot token (fake-slack-socket.ts).
    const answer =
      method === 'apps.connections.open'
        ? socketMode.connectionsOpen(token)
        : dispatch(method, token, params);
    call.response = answer;
    const team = answer.team;
    if (call.teamId === undefined && isRecord(team) && typeof team.id === 'string') call.teamId = team.id;
    if (decision.kind === 'fail-after-post') {
      // The method ran (a message was posted), but the app only sees a server error.
      call.injectedStatus = decision.status;
      sendJson(res, decision.status, { ok: false, error: 'service_unavailable' });
      return;
    }
    sendJson(res, 200, answer);
    options.onCall?.(call);
  };

  /** Slack's response_url: JSON bodies, message limits apply, 400 invalid_blocks on violations. */
  const handleResponseUrl = async (req: IncomingMessage, res: ServerResponse, id: string): Promise<void> => {
    const raw = await readBody(req);
    // Slack reads response_url bodies as JSON whatever the content-type; form bodies are an app bug.
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      violations.push(`response_url ${id}: body is not JSON (${raw.toString('utf8').slice(0, 80)})`);
      return sendJson(res, 400, { ok: false, error: 'invalid_json' });
    }
    const body = isRecord(parsed) ? parsed : {};
    posts.push({ id, body });
    const found = validateMessage({ text: body.text, blocks: body.blocks });
    for (const v of found) violations.push(`response_url ${id}: ${v}`);
    sendJson(
      res,
      found.length > 0 ? 400 : 200,
      found.length > 0 ? { ok: false, error: 'invalid_blocks' } : { ok: true },
    );
  };

  /** The upload step of files.uploadV2: multipart (what @slack/web-api sends) or a raw body. */
  const handleUpload = async (req: IncomingMessage, res: ServerResponse, fileId: string): Promise<void> => {
    const upload = model.uploads.get(fileId);
    const raw = await readBody(req);
    if (!upload) return sendJson(res, 404, { ok: false, error: 'file_not_found' });
    const contentType = req.headers['content-type'] ?? '';
    if (contentType.includes('multipart/form-data')) {
      const form = await new Response(new Uint8Array(raw), {
        headers: { 'content-type': contentType },
      }).formData();
      const first = [...form.values()][0];
      upload.content = first === undefined ? '' : typeof first === 'string' ? first : await first.text();
      upload.bytes =
        first === undefined || typeof first === 'string'
          ? Buffer.from(upload.content)
          : Buffer.from(await first.arrayBuffer());
    } else {
      upload.content = raw.toString('utf8');
      upload.bytes = raw;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${raw.length}`);
  };

  const server = createServer((req, res) => {
    const fullPath = new URL(req.url ?? '/', 'http://fake').pathname;
    // `/t/<tag>/api/<method>`: a tagged Web API URL (urlFor); the tag is recorded on the call.
    const tagged = /^\/t\/([^/]+)(\/.*)$/.exec(fullPath);
    const via = tagged ? decodeURIComponent(tagged[1] ?? '') : undefined;
    const path = tagged ? (tagged[2] ?? '/') : fullPath;
    const [, area = '', rest = ''] = /^\/([^/]+)\/(.+)$/.exec(path) ?? [];
    const id = decodeURIComponent(rest);
    const work =
      area === 'api'
        ? handleApi(req, res, id, via)
        : area === 'response' && req.method === 'POST'
          ? handleResponseUrl(req, res, id)
          : area === 'upload' && req.method === 'POST'
            ? handleUpload(req, res, id)
            : Promise.resolve(sendJson(res, 404, { ok: false, error: 'not_found' }));
    work.catch((e: unknown) => {
      violations.push(
        `fake-slack failed on ${req.method} ${path}: ${e instanceof Error ? e.message : String(e)}`,
      );
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'fatal_error' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const socketMode = attachSocketMode(server, () => baseUrl, violations);

  const requireTeam = (teamId: string): void => {
    if (!model.workspaces.has(teamId)) throw new Error(`fakeSlack: workspace ${teamId} is not registered`);
  };

  const fake: FakeSlack = {
    url: `${baseUrl}/api/`,
    baseUrl,
    calls,
    violations,
    socketMode,
    callsTo: (method) => calls.filter((c) => c.method === method && c.injectedStatus === undefined),
    addWorkspace(w) {
      for (const [teamId, existing] of model.workspaces) {
        if (existing.botToken === w.botToken && teamId !== w.teamId) {
          throw new Error(`fakeSlack: token already belongs to ${teamId}`);
        }
      }
      const workspace = {
        teamId: w.teamId,
        teamName: w.teamName ?? w.teamId,
        botToken: w.botToken,
        botUserId: w.botUserId ?? `U${w.teamId}BOT`,
        botId: w.botId ?? `B${w.teamId}`,
        appId: w.appId ?? TEST_APP_ID,
      };
      model.workspaces.set(w.teamId, workspace);
      // The bot is a member of its workspace, so users.info / users.list see it like Slack does.
      fake.addUser({ teamId: w.teamId, userId: workspace.botUserId, name: 'careerplan', isBot: true });
    },
    addUser(u) {
      requireTeam(u.teamId);
      const name = u.name ?? u.userId.toLowerCase();
      model.putUser({
        teamId: u.teamId,
        userId: u.userId,
        name,
        realName: u.realName ?? name,
        tz: u.tz ?? 'UTC',
        ...(u.tzOffset === undefined ? {} : { tzOffset: u.tzOffset }),
        isAdmin: u.isAdmin ?? false,
        isOwner: u.isOwner ?? false,
        isBot: u.isBot ?? false,
        deleted: u.deleted ?? false,
        ...(u.homeTeamId === undefined ? {} : { homeTeamId: u.homeTeamId }),
      });
    },
    addChannel(c) {
      requireTeam(c.teamId);
      model.putChannel({
        teamId: c.teamId,
        channelId: c.channelId,
        name: c.name ?? c.channelId,
        members: c.members ?? [],
        ...(c.isPrivate ? { isPrivate: true } : {}),
      });
    },
    setOAuthInstall(code, install) {
      const botUserId = install.botUserId ?? `U${install.teamId}BOT`;
      fake.addWorkspace({
        teamId: install.teamId,
        teamName: install.teamName ?? install.teamId,
        botToken: install.botToken,
        botUserId,
      });
      const installerUserId = install.installerUserId ?? `U${install.teamId}INSTALLER`;
      if (!model.user(install.teamId, installerUserId))
        fake.addUser({ teamId: install.teamId, userId: installerUserId });
      oauthInstalls.set(code, {
        teamId: install.teamId,
        teamName: install.teamName ?? install.teamId,
        botToken: install.botToken,
        botUserId,
        installerUserId,
        scope: install.scope ?? 'commands,chat:write,im:write,users:read,channels:read',
        appId: TEST_APP_ID,
      });
    },
    injectFailures: (f) => faults.inject(f),
    setRateLimits: (l) => faults.setRateLimits(l),
    earlyRetries: () => faults.earlyRetries(),
    clearFailures: () => faults.clearRules(),
    urlFor: (tag) => `${baseUrl}/t/${encodeURIComponent(tag)}/api/`,
    responseUrl: (id) => `${baseUrl}/response/${encodeURIComponent(id)}`,
    responseUrlPosts: (id) => posts.filter((p) => id === undefined || p.id === id),
    messages: (channelId) => model.messages.filter((m) => m.channelId === channelId).map(inspectMessage),
    scheduledMessages: (channelId) =>
      scheduler
        .list((m) => channelId === undefined || m.channelId === channelId)
        .map((m) => ({
          id: m.id,
          teamId: m.teamId,
          channelId: m.channelId,
          postAt: m.postAt,
          createdAt: m.createdAt,
          ...(m.text === undefined ? {} : { text: m.text }),
          ...(m.blocks === undefined ? {} : { blocks: m.blocks }),
          ...(m.threadTs === undefined ? {} : { threadTs: m.threadTs }),
          hasMetadata: m.hasMetadata,
        })),
    deliveredScheduledMessages: () =>
      model.messages.flatMap((m) =>
        m.scheduledMessageId === undefined
          ? []
          : [{ ...inspectMessage(m), channelId: m.channelId, scheduledMessageId: m.scheduledMessageId }],
      ),
    ephemerals: (channelId) =>
      model.ephemerals.filter((e) => channelId === undefined || e.channelId === channelId),
    views: () => [...model.views.values()],
    homeView: (teamId, userId) =>
      [...model.views.values()].find(
        (v) => v.teamId === teamId && v.userId === userId && v.view.type === 'home',
      ),
    uploadedFiles: () =>
      [...model.uploads.values()]
        .filter((u) => u.completed)
        .map((u) => ({
          fileId: u.fileId,
          content: u.content ?? '',
          bytes: u.bytes ?? Buffer.from(u.content ?? ''),
          ...(u.title === undefined ? {} : { title: u.title }),
          ...(u.filename === undefined ? {} : { filename: u.filename }),
          ...(u.channelId === undefined ? {} : { channelId: u.channelId }),
        })),
    postUserMessage(m) {
      if (!model.user(m.teamId, m.userId))
        throw new Error(`fakeSlack: user ${m.userId} is not in ${m.teamId}`);
      if (!model.channels.has(`${m.teamId}/${m.channelId}`)) {
        throw new Error(`fakeSlack: channel ${m.channelId} is not in ${m.teamId}`);
      }
      const ts = m.ts ?? model.nextTs();
      model.messages.push({
        teamId: m.teamId,
        channelId: m.channelId,
        ts,
        text: m.text,
        user: m.userId,
        botId: '',
      });
      return ts;
    },
    canvases: () =>
      [...model.canvases.values()].map((c) => ({
        canvasId: c.canvasId,
        teamId: c.teamId,
        access: Object.fromEntries(c.access),
        ...(c.title === undefined ? {} : { title: c.title }),
        ...(c.markdown === undefined ? {} : { markdown: c.markdown }),
      })),
    refuseCanvases(teamId, error) {
      if (error === undefined) model.canvasRefusals.delete(teamId);
      else model.canvasRefusals.set(teamId, error);
    },
    dmChannelFor(teamId, userId) {
      if (!model.user(teamId, userId)) throw new Error(`fakeSlack: user ${userId} is not in ${teamId}`);
      return model.dmChannelId(userId);
    },
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      let lastError = '';
      for (;;) {
        try {
          if (predicate()) return;
        } catch (e) {
          lastError = e instanceof Error ? e.message : String(e);
        }
        if (Date.now() >= deadline) {
          const recent = calls
            .slice(-15)
            .map(
              (c) =>
                `${c.method} → ${c.injectedStatus ?? (c.response?.ok ? 'ok' : String(c.response?.error))}`,
            );
          throw new Error(
            `fakeSlack.waitFor: condition not met within ${timeoutMs}ms` +
              (lastError ? ` (last error: ${lastError})` : '') +
              `; last calls: ${recent.length > 0 ? recent.join(', ') : 'none'}`,
          );
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    reset() {
      calls.length = 0;
      violations.length = 0;
      posts.length = 0;
      oauthInstalls.clear();
      faults.reset();
      scheduler.clear();
      model.clearActivity();
    },
    async close() {
      scheduler.clear();
      await socketMode.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
  return fake;
}
