/**
 * What a fake Slack method handler receives, and small readers for Slack's loosely typed
 * arguments (form bodies make every value a string; JSON bodies keep numbers and booleans).
 */
import { type FakeSlackModel, type FakeWorkspace, SlackFailure } from './fake-slack-model.ts';
import type { FakeScheduler } from './fake-slack-scheduler.ts';

export type SlackAnswer = Record<string, unknown>;

export interface OAuthInstall {
  teamId: string;
  teamName: string;
  botToken: string;
  botUserId: string;
  installerUserId: string;
  scope: string;
  appId: string;
}

export interface BaseContext {
  model: FakeSlackModel;
  params: Record<string, unknown>;
  /** http://127.0.0.1:PORT, for URLs the fake hands out (file uploads). */
  baseUrl: string;
  oauthInstalls: Map<string, OAuthInstall>;
  /**
   * Records Block Kit violations (tests assert none) and, when there are any, throws the
   * failure Slack answers with: `invalid_blocks` for messages, `invalid_arguments` for views.
   */
  reportViolations(where: string, violations: string[], error: 'invalid_blocks' | 'invalid_arguments'): void;
  /** Records a violation without failing the call: Slack accepts it, but the app must not rely on it. */
  recordViolation(where: string, violation: string): void;
  /** Pending chat.scheduleMessage messages and the timers that post them. */
  scheduler: FakeScheduler;
}

export interface MethodContext extends BaseContext {
  /** The workspace of the calling token (already checked). */
  workspace: FakeWorkspace;
}

export type MethodHandler = (ctx: MethodContext) => SlackAnswer;
export type UnauthenticatedHandler = (ctx: BaseContext) => SlackAnswer;

/** Slack's answer for a missing argument on the modern (JSON-schema validated) methods. */
export function missingArgument(name: string): SlackFailure {
  return new SlackFailure('invalid_arguments', {
    response_metadata: { messages: [`[ERROR] missing required field: ${name}`] },
  });
}

export function optString(params: Record<string, unknown>, name: string): string | undefined {
  const v = params[name];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A required string argument; `error` overrides the code for methods with a specific one. */
export function reqString(params: Record<string, unknown>, name: string, error?: string): string {
  const v = optString(params, name);
  if (v === undefined || v === '') throw error ? new SlackFailure(error) : missingArgument(name);
  return v;
}

export function optBool(params: Record<string, unknown>, name: string): boolean {
  const v = params[name];
  return v === true || v === 1 || v === 'true' || v === '1';
}

export function optInt(params: Record<string, unknown>, name: string): number | undefined {
  const s = optString(params, name);
  if (s === undefined || s === '') return undefined;
  const n = Number(s);
  if (!Number.isInteger(n)) throw new SlackFailure('invalid_arguments');
  return n;
}

/**
 * Cursor pagination as Slack does it: an opaque `cursor`, `limit`, and
 * `response_metadata.next_cursor` that is '' on the last page. `limit` 0 or absent means
 * `defaultLimit` (0 = everything).
 */
export function paginate<T>(
  items: T[],
  params: Record<string, unknown>,
  defaultLimit: number,
): { page: T[]; nextCursor: string } {
  const limit = optInt(params, 'limit') || defaultLimit;
  const cursor = optString(params, 'cursor');
  let start = 0;
  if (cursor) {
    const m = /^next:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!m) throw new SlackFailure('invalid_cursor');
    start = Number(m[1]);
  }
  const end = limit > 0 ? start + limit : items.length;
  const nextCursor = end < items.length ? Buffer.from(`next:${end}`).toString('base64url') : '';
  return { page: items.slice(start, end), nextCursor };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
