import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

type Body = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const field = (v: unknown, name: string): unknown =>
  typeof v === 'object' && v !== null ? (v as Body)[name] : undefined;

/**
 * The workspace a Slack request acts in, by one rule for commands, actions, views, options and
 * events: the workspace whose installation received it — never the acting user's home workspace
 * (a Slack Connect guest acts in the host's workspace, and is refused there as not a member).
 *
 * Bolt's authorize has already put that team in `context.teamId`; it wins. Without it, the same
 * fields Bolt reads, in its order: events' `authorizations[0].team_id` then `team_id`; commands'
 * `team_id`; views' `view.app_installed_team_id` (a modal opened from a shared channel carries
 * the *other* workspace in `team.id`); then `team.id`, then `user.team_id`.
 *
 * Listeners read `context.teamId` (the middleware below guarantees it), never `body.team?.id`
 * or `view.team_id` on their own, so all of them agree.
 */
export function requestTeamId(body: unknown, contextTeamId?: string): string | undefined {
  if (str(contextTeamId)) return contextTeamId;
  const b = (typeof body === 'object' && body !== null ? body : {}) as Body;
  if (b.type === 'event_callback') {
    const authorizations = b.authorizations;
    const first = Array.isArray(authorizations) ? (authorizations[0] as unknown) : undefined;
    return str(field(first, 'team_id')) ?? str(b.team_id);
  }
  if (typeof b.command === 'string') return str(b.team_id);
  const installedIn = str(field(b.view, 'app_installed_team_id'));
  if ((b.type === 'view_submission' || b.type === 'view_closed') && installedIn) return installedIn;
  return str(field(b.team, 'id')) ?? str(field(b.user, 'team_id')) ?? str(b.team_id);
}

/** Sets `context.teamId` by {@link requestTeamId} on every request, before any listener runs. */
export function resolveRequestTeam(): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const teamId = requestTeamId(body, context.teamId);
    if (teamId !== undefined) context.teamId = teamId;
    await next();
  };
}
