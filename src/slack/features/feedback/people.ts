import type { WebClient } from '@slack/web-api';
import { DomainError } from '../../../domain/errors.ts';
import type { NamedPerson } from '../../../domain/feedback/recipients.ts';
import type { MemberDirectory } from '../../../slack-api/member-directory.ts';
import { slackErrorCode } from '../../../slack-api/slack-errors.ts';

/** Slack's answers for "this token cannot see that person": they are not in this workspace. */
const NOT_HERE = new Set(['user_not_found', 'users_not_found', 'user_not_visible']);

/**
 * The people a request or a manager command names, as this workspace's member directory knows
 * them (read from Slack once, then from Postgres). Someone Slack does not know here comes back
 * without a member, which the domain refuses as "not in this workspace". At most ten are read.
 */
export async function namedPeople(
  members: MemberDirectory,
  client: WebClient,
  teamId: string,
  userIds: readonly string[],
): Promise<NamedPerson[]> {
  if (userIds.length > 10) return userIds.map((userId) => ({ userId, member: undefined }));
  return Promise.all(
    [...new Set(userIds)].map(async (userId) => {
      try {
        return { userId, member: await members.ensure(client, teamId, userId) };
      } catch (error) {
        if (NOT_HERE.has(slackErrorCode(error) ?? '')) return { userId, member: undefined };
        // A Slack Connect guest: the directory refuses to store them as one of this team's members.
        if (error instanceof DomainError && error.code === 'external_user')
          return { userId, member: undefined };
        throw error;
      }
    }),
  ).then((known) => userIds.map((userId) => known.find((p) => p.userId === userId) as NamedPerson));
}
