/**
 * Reading requests the way Slack's API front end does: arguments from the query string plus a
 * form-urlencoded, multipart or JSON body; the token from `Authorization: Bearer` or a `token`
 * argument; client credentials from HTTP Basic auth. @slack/web-api sends nested objects
 * (blocks, view, metadata, files) as JSON strings inside form bodies, so those are decoded
 * here and handlers always see objects.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SlackFailure } from './fake-slack-model.ts';
import { isRecord } from './fake-slack-params.ts';

const JSON_ARGUMENTS = [
  'blocks',
  'attachments',
  'view',
  'metadata',
  'files',
  'payload',
  'document_content',
  'user_ids',
  'channel_ids',
];

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
    .end(JSON.stringify(body));
}

async function bodyParams(contentType: string, raw: Buffer): Promise<Record<string, unknown>> {
  if (raw.length === 0) return {};
  if (contentType.includes('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new SlackFailure('invalid_json');
    }
    return isRecord(parsed) ? parsed : {};
  }
  if (contentType.includes('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), {
      headers: { 'content-type': contentType },
    }).formData();
    const out: Record<string, unknown> = {};
    for (const [k, v] of form.entries()) out[k] = typeof v === 'string' ? v : await v.text();
    return out;
  }
  return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
}

/** Leaves a value that is not valid JSON as a string, so the method can answer *_format errors. */
function decodeJsonArguments(params: Record<string, unknown>): void {
  for (const name of JSON_ARGUMENTS) {
    const v = params[name];
    if (typeof v !== 'string' || !/^\s*[[{]/.test(v)) continue;
    try {
      params[name] = JSON.parse(v);
    } catch {
      // keep the raw string
    }
  }
}

export async function parseRequest(
  req: IncomingMessage,
  raw: Buffer,
): Promise<{ params: Record<string, unknown>; token?: string }> {
  const url = new URL(req.url ?? '/', 'http://fake');
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  Object.assign(params, await bodyParams(req.headers['content-type'] ?? '', raw));
  decodeJsonArguments(params);
  const auth = req.headers.authorization ?? '';
  const bearer = /^Bearer\s+(.+)$/i.exec(auth)?.[1];
  const basic = /^Basic\s+(.+)$/i.exec(auth)?.[1];
  if (basic !== undefined) {
    const [id = '', secret = ''] = Buffer.from(basic, 'base64').toString('utf8').split(':');
    params.client_id ??= id;
    params.client_secret ??= secret;
  }
  const bodyToken = typeof params.token === 'string' ? params.token : undefined;
  delete params.token;
  const token = bearer ?? bodyToken;
  return token === undefined ? { params } : { params, token };
}
