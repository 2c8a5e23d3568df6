/**
 * Slack Web API error codes after which retrying the same call cannot succeed: the person or
 * channel is gone, or the workspace removed the app. Jobs fail these at once and count them.
 */
const PERMANENT_CODES = new Set([
  'user_not_found',
  'users_not_found',
  'account_inactive',
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'team_access_not_granted',
  'cannot_dm_bot',
  'user_disabled',
  'invalid_blocks',
  'invalid_arguments',
]);

/** The `error` code of a failed Web API call (`{ ok: false, error }`), if the error carries one. */
export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

export function isPermanentSlackError(error: unknown): boolean {
  const code = slackErrorCode(error);
  return code !== undefined && PERMANENT_CODES.has(code);
}

/** Seconds Slack asked us to wait, when the error is a 429 (`rejectRateLimitedCalls`). */
export function retryAfterSeconds(error: unknown): number | undefined {
  const e = error as { code?: string; retryAfter?: unknown };
  return e.code === 'slack_webapi_rate_limited_error' && typeof e.retryAfter === 'number'
    ? e.retryAfter
    : undefined;
}
