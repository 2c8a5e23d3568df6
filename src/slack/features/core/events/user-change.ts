import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { WorkspaceRepository } from '../../../../domain/workspaces/workspace.repository.ts';
import { profileFromSlackUser, type SlackUser } from '../../../../slack-api/member-profiles.ts';

/**
 * A member changed their profile (often: their time zone, when travelling). The event carries the
 * whole user object, so it is stored without another API call — but only for members we know.
 */
export function userChange(services: { workspaces: WorkspaceRepository }) {
  return async ({ event, context }: SlackEventMiddlewareArgs<'user_change'> & AllMiddlewareArgs) => {
    const user = event.user as SlackUser;
    const teamId = context.teamId;
    if (!teamId || !user.id) return;
    if (!(await services.workspaces.findMember(teamId, user.id))) return;
    await services.workspaces.saveMemberProfile(teamId, user.id, profileFromSlackUser(user));
  };
}
