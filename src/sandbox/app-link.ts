/**
 * The sandbox's half of Slack → app traffic: every request is signed with the app's signing
 * secret (v0 HMAC) and POSTed to the app's /slack/events, encoded as Slack encodes it.
 */
import { signSlackRequest } from './slack/slack-signer.ts';

export interface AppAnswer {
  status: number;
  body: string;
}

export interface AppLink {
  form(fields: Record<string, string>): Promise<AppAnswer>;
  payload(payload: Record<string, unknown>): Promise<AppAnswer>;
  event(envelope: Record<string, unknown>): Promise<AppAnswer>;
}

/** Slack waits 3 s; the sandbox waits longer so a slow laptop shows a late answer, not an error. */
const TIMEOUT_MS = 10_000;

export function createAppLink(eventsUrl: () => string, signingSecret: string): AppLink {
  const send = async (body: string, contentType: string): Promise<AppAnswer> => {
    try {
      const res = await fetch(eventsUrl(), {
        method: 'POST',
        headers: {
          'content-type': contentType,
          'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
          ...signSlackRequest(signingSecret, body),
        },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      return { status: res.status, body: await res.text() };
    } catch {
      // What Slack shows when the app cannot be reached or answers too late.
      return { status: 0, body: '' };
    }
  };
  return {
    form: (fields) => send(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded'),
    payload: (payload) =>
      send(
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        'application/x-www-form-urlencoded',
      ),
    event: (envelope) => send(JSON.stringify(envelope), 'application/json'),
  };
}
