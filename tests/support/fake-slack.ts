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
import { parseRequest, readBody, sendJson } from './fake-slack-http.ts';
import { authenticatedMethods, unauthenticatedMethods } from './fake-slack-methods.ts';
import { FakeSlackModel, SlackFailure } from './fake-slack-model.ts';
import { type BaseContext, isRecord, type OAuthInstall, type SlackAnswer } from './fake-slack-params.ts';
import type {
  FakeSlack,
  FakeSlackCall,
  MessageRateLimits,
  StartFakeSlackOptions,
} from './fake-slack-types.ts';
import { TEST_APP_ID } from './slack-signer.ts';

export type {
  FakeSlack,
  FakeSlackCall,
  FakeSlackMessage,
  FakeSlackView,
  MessageRateLimits,
  StartFakeSlackOptions,
} from './fake-slack-types.ts';

interface FailureRule {
  method?: string;
  teamId?: string;
  status: 429 | 500 | 502 | 503;
  retryAfterSeconds: number;
  remaining: number;
  probability: number;
}

export async function startFakeSlack(options: StartFakeSlackOptions = {}): Promise<FakeSlack> {
  const random = options.random ?? Math.random;
  const model = new FakeSlackModel();
  const calls: FakeSlackCall[] = [];
  const violations: string[] = [];
  const oauthInstalls = new Map<string, OAuthInstall>();
  const posts: Array<{ id: string; body: Record<string, unknown> }> = [];
  let failures: FailureRule[] = [];
  let baseUrl = '';
  // Slack-like rate limits on chat.postMessage (off unless a test or benchmark sets them).
  let limits: MessageRateLimits | undefined;
  const buckets = new Map<string, { tokens: number; at: number }>();
  // When each (team, method) may be called again after a 429, and the calls that came too early.
  const retryAfterUntil = new Map<string, number>();
  const earlyCalls: FakeSlackCall[] = [];

  /** Token bucket: true and one token taken, or the seconds until a token is back. */
  const takeToken = (key: string, perSecond: number, burst: number, now: number): true | number => {
    const bucket = buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return true;
    }
    return (1 - bucket.tokens) / perSecond;
  };

  /** Seconds to answer 429 with when a chat.postMessage exceeds the configured limits. */
  const enforcedLimit = (
    method: string,
    teamId: string | undefined,
    params: Record<string, unknown>,
  ): number | undefined => {
    if (!limits || method !== 'chat.postMessage' || teamId === undefined) return undefined;
    const now = Date.now();
    const team = takeToken(`team:${teamId}`, limits.perWorkspacePerMinute / 60, limits.workspaceBurst, now);
    if (team !== true) return team;
    const channel = takeToken(
      `channel:${teamId}:${String(params.channel)}`,
      limits.perChannelPerSecond,
      limits.channelBurst,
      now,
    );
    return channel === true ? undefined : channel;
  };

  const takeFailure = (method: string, teamId: string | undefined): FailureRule | undefined => {
    const rule = failures.find(
      (r) =>
        r.remaining > 0 &&
        (r.method === undefined || r.method === method) &&
        (r.teamId === undefined || r.teamId === teamId),
    );
    if (!rule || random() >= rule.probability) return undefined;
    rule.remaining -= 1;
    return rule;
  };

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

  const handleApi = async (req: IncomingMessage, res: ServerResponse, method: string): Promise<void> => {
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
    if (token !== undefined) call.token = token;
    if (workspace) call.teamId = workspace.teamId;
    calls.push(call);
    const limitKey = `${workspace?.teamId ?? '?'}|${method}`;
    if ((retryAfterUntil.get(limitKey) ?? 0) > call.at) earlyCalls.push(call);
    const limited = enforcedLimit(method, workspace?.teamId, params);
    if (limited !== undefined) {
      const retryAfter = Math.max(1, Math.ceil(limited));
      retryAfterUntil.set(limitKey, call.at + retryAfter * 1000);
      call.injectedStatus = 429;
      sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
      return;
    }
    const rule = takeFailure(method, workspace?.teamId);
    if (rule) {
      call.injectedStatus = rule.status;
      if (rule.status === 429) retryAfterUntil.set(limitKey, call.at + rule.retryAfterSeconds * 1000);
      const headers: Record<string, string> =
        rule.status === 429 ? { 'retry-after': String(rule.retryAfterSeconds) } : {};
      sendJson(
        res,
        rule.status,
        { ok: false, error: rule.status === 429 ? 'ratelimited' : 'service_unavailable' },
        headers,
      );
      return;
    }
    const answer = dispatch(method, token, params);
    call.response = answer;
    const team = answer.team;
    if (call.teamId === undefined && isRecord(team) && typeof team.id === 'string') call.teamId = team.id;
    sendJson(res, 200, answer);
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
    } else {
      upload.content = raw.toString('utf8');
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${raw.length}`);
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const [, area = '', rest = ''] = /^\/([^/]+)\/(.+)$/.exec(path) ?? [];
    const id = decodeURIComponent(rest);
    const work =
      area === 'api'
        ? handleApi(req, res, id)
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

  const requireTeam = (teamId: string): void => {
    if (!model.workspaces.has(teamId)) throw new Error(`fakeSlack: workspace ${teamId} is not registered`);
  };

  const fake: FakeSlack = {
    url: `${baseUrl}/api/`,
    baseUrl,
    calls,
    violations,
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
    injectFailures(f) {
      failures.push({
        status: f.status,
        retryAfterSeconds: f.retryAfterSeconds ?? 1,
        remaining: f.times ?? Number.POSITIVE_INFINITY,
        probability: f.probability ?? 1,
        ...(f.method === undefined ? {} : { method: f.method }),
        ...(f.teamId === undefined ? {} : { teamId: f.teamId }),
      });
    },
    setRateLimits(l) {
      limits = l;
      buckets.clear();
    },
    earlyRetries: () => [...earlyCalls],
    clearFailures() {
      failures = [];
    },
    responseUrl: (id) => `${baseUrl}/response/${encodeURIComponent(id)}`,
    responseUrlPosts: (id) => posts.filter((p) => id === undefined || p.id === id),
    messages: (channelId) =>
      model.messages
        .filter((m) => m.channelId === channelId)
        .map((m) => ({
          teamId: m.teamId,
          ts: m.ts,
          user: m.user,
          ...(m.text === undefined ? {} : { text: m.text }),
          ...(m.blocks === undefined ? {} : { blocks: m.blocks }),
          ...(m.metadata === undefined ? {} : { metadata: m.metadata }),
          ...(m.threadTs === undefined ? {} : { threadTs: m.threadTs }),
          ...(m.files === undefined ? {} : { files: m.files }),
        })),
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
          ...(u.title === undefined ? {} : { title: u.title }),
          ...(u.filename === undefined ? {} : { filename: u.filename }),
          ...(u.channelId === undefined ? {} : { channelId: u.channelId }),
        })),
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
      failures = [];
      model.clearActivity();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
  return fake;
}
