/** Calls the operator routes (task API, queue view) the way curl or a browser would. */
export const OPS_TOKEN = 'test-ops-token-0123456789abcdef';

export interface OpsResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body as JSON (throws when it is not). */
  json<T = Record<string, unknown>>(): T;
}

export async function opsRequest(
  baseUrl: string,
  path: string,
  options: { method?: string; token?: string | null; basic?: string; body?: unknown; rawBody?: string } = {},
): Promise<OpsResponse> {
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? OPS_TOKEN : options.token;
  if (options.basic !== undefined)
    headers.authorization = `Basic ${Buffer.from(`ops:${options.basic}`).toString('base64')}`;
  else if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${baseUrl}${path}`, {
    method: options.method ?? 'GET',
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
}

/** Polls a task until `done(task)` holds (a positive signal, never a fixed sleep). */
export async function waitForTask<T extends { status: string }>(
  baseUrl: string,
  id: string,
  done: (task: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    const res = await opsRequest(baseUrl, `/api/tasks/${encodeURIComponent(id)}`);
    if (res.status === 200) {
      last = res.json<{ task: T }>().task;
      if (done(last)) return last;
    }
    if (Date.now() > deadline)
      throw new Error(`task ${id} did not reach the expected state; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
