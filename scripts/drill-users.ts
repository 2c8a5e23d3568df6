/**
 * The people using careerplan while the fault drill breaks things under it: signed slash
 * commands sent to the web process at a steady pace, and what each person saw — the reply, how
 * long it took, and whether it was an error (an ":x:" reply, an HTTP error, or no answer within
 * Slack's 3 seconds, which Slack shows as a failure).
 */
import type { SlackClient } from '../src/sandbox/slack/slack-signer.ts';

export interface UserRequest {
  at: number;
  phase: string;
  text: string;
  ms: number;
  /** What the user read (the ephemeral reply), or why they read nothing. */
  reply: string;
  error: boolean;
}

const SLACK_WINDOW_MS = 3000;

/** The words of an ephemeral reply in an ack body or a response_url post. */
function replyText(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const text = (body as { text?: unknown }).text;
  return typeof text === 'string' ? text : '';
}

/** Sends one signed command and records what its user saw. */
export async function askAs(
  slack: SlackClient,
  request: { teamId: string; userId: string; text: string; phase: string },
): Promise<UserRequest> {
  const at = Date.now();
  try {
    const response = await slack.slashCommand({
      teamId: request.teamId,
      userId: request.userId,
      text: request.text,
    });
    const ms = Date.now() - at;
    const reply = response.status === 200 ? replyText(response.json()) : `HTTP ${response.status}`;
    const error = response.status !== 200 || ms > SLACK_WINDOW_MS || reply.startsWith(':x:');
    return { at, phase: request.phase, text: request.text, ms, reply, error };
  } catch (e) {
    const ms = Date.now() - at;
    return {
      at,
      phase: request.phase,
      text: request.text,
      ms,
      reply: `no answer (${String(e)})`,
      error: true,
    };
  }
}

/**
 * Members reading their OKRs (a Postgres read on the web process) every `intervalMs`, until
 * stopped. Each request is tagged with the drill phase it happened in.
 */
export function startUserTraffic(
  slack: SlackClient,
  options: { teamId: string; userIds: readonly string[]; intervalMs: number; phase: () => string },
) {
  const requests: UserRequest[] = [];
  const inFlight = new Set<Promise<void>>();
  let i = 0;
  const timer = setInterval(() => {
    const userId = options.userIds[i++ % options.userIds.length] as string;
    const sent = askAs(slack, { teamId: options.teamId, userId, text: 'okr', phase: options.phase() }).then(
      (r) => {
        requests.push(r);
      },
    );
    inFlight.add(sent);
    void sent.finally(() => inFlight.delete(sent));
  }, options.intervalMs);
  return {
    requests,
    async stop(): Promise<void> {
      clearInterval(timer);
      await Promise.all(inFlight);
    },
  };
}

/** "N of M (phase: n, …)" for the errors users saw. */
export function summariseErrors(requests: readonly UserRequest[]): string {
  const errors = requests.filter((r) => r.error);
  const byPhase = new Map<string, number>();
  for (const r of errors) byPhase.set(r.phase, (byPhase.get(r.phase) ?? 0) + 1);
  const phases = [...byPhase.entries()].map(([phase, n]) => `${phase}: ${n}`).join(', ');
  return `${errors.length} of ${requests.length} requests${phases ? ` (${phases})` : ''}`;
}
