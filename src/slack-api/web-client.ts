import { type FetchFunction, WebClient, type WebClientOptions } from '@slack/web-api';
import type { Metrics } from '../ops/metrics.ts';

/**
 * What a request through the WebClient's fetch is: a Web API method (`…/api/chat.postMessage` →
 * `chat.postMessage`), or an upload — files.uploadV2 sends the file's bytes to the URL that
 * files.getUploadURLExternal returned (https://files.slack.com/upload/v1/…), which is not a method
 * and does not answer JSON.
 */
function callOf(url: string | URL): { method: string; upload: boolean } {
  const path = (typeof url === 'string' ? new URL(url, 'http://x') : url).pathname;
  const match = /\/api\/([a-zA-Z.]+)$/.exec(path);
  return match?.[1] ? { method: match[1], upload: false } : { method: 'upload', upload: true };
}

/**
 * A fetch that counts every Web API call by method and outcome. It sits under every WebClient the
 * app makes (Bolt's, OAuth's and the workers'), so 429s are counted wherever they happen. API
 * calls are judged by their JSON `ok`; uploads (method="upload") by their HTTP status alone.
 */
export function instrumentedFetch(metrics: Metrics): FetchFunction {
  return async (url, init) => {
    const { method, upload } = callOf(url);
    let response: Response;
    try {
      response = await fetch(url, init as RequestInit);
    } catch (error) {
      metrics.slackApiCalls.inc({ method, outcome: 'network_error' });
      throw error;
    }
    let outcome = 'ok';
    if (response.status === 429) outcome = 'ratelimited';
    else if (response.status >= 500) outcome = 'server_error';
    else if (upload) outcome = response.ok ? 'ok' : 'error';
    else {
      const body = (await response
        .clone()
        .json()
        .catch(() => undefined)) as { ok?: boolean } | undefined;
      if (body?.ok !== true) outcome = 'error';
    }
    metrics.slackApiCalls.inc({ method, outcome });
    return response;
  };
}

/**
 * Options for WebClients that serve an interactive request: a few quick retries, since the user
 * is waiting and Slack's 3-second window is short.
 */
export function interactiveClientOptions(slackApiUrl: string, metrics: Metrics): WebClientOptions {
  return {
    slackApiUrl,
    fetch: instrumentedFetch(metrics),
    retryConfig: { retries: 2, factor: 1.5, minTimeout: 200, maxTimeout: 1000 },
  };
}

/**
 * Options for WebClients used by background jobs: no retries inside the client and rate-limited
 * calls rejected at once, so one 429 never freezes a shared client; the job layer decides when
 * to retry (after Retry-After, with backoff).
 */
export function backgroundClientOptions(slackApiUrl: string, metrics: Metrics): WebClientOptions {
  return {
    slackApiUrl,
    fetch: instrumentedFetch(metrics),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    // A send must end well inside the delivery lease (SENDING_LEASE_MS), or another worker could
    // take over a delivery whose post is still in flight.
    timeout: 10_000,
  };
}

/** One WebClient per bot token, reused across jobs. */
export function createBackgroundClients(slackApiUrl: string, metrics: Metrics) {
  const clients = new Map<string, WebClient>();
  const options = backgroundClientOptions(slackApiUrl, metrics);
  return {
    forToken(token: string): WebClient {
      let client = clients.get(token);
      if (!client) {
        client = new WebClient(token, options);
        clients.set(token, client);
      }
      return client;
    },
  };
}

export type BackgroundClients = ReturnType<typeof createBackgroundClients>;
