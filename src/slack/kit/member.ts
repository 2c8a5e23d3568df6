import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { memberTimeZone } from '../../domain/schedules/index.ts';
import type { Member } from '../../domain/workspaces/workspace.ts';
import type { MemberDirectory } from '../../slack-api/member-directory.ts';

/** A member behind a request, with the zone everything they see is computed in. */
export interface ResolvedMember {
  member: Member;
  /** Their Slack zone when valid, else the team's default zone (never a silent UTC). */
  tz: string;
}

export interface MemberResolver {
  resolve(client: WebClient, teamId: string, userId: string): Promise<ResolvedMember>;
}

/**
 * Decides a member's zone in one place, the same rule as the fan-out (memberTimeZone): their
 * Slack zone, or the team's default. The member is read from Slack once, then from Postgres.
 */
export function createMemberResolver(deps: {
  members: MemberDirectory;
  teamZone(teamId: string): Promise<string>;
}): MemberResolver {
  return {
    async resolve(client, teamId, userId) {
      const member = await deps.members.ensure(client, teamId, userId);
      const tz = memberTimeZone({ tz: member.tz }, { timeZone: await deps.teamZone(teamId) });
      return { member, tz };
    },
  };
}

const KEY = 'careerplanMember';

/**
 * Global middleware: puts a lazy, memoised resolver for the requesting member on the context,
 * so a listener that needs the member (and their zone) asks once and the ack path pays nothing.
 */
export function memberMiddleware(resolver: MemberResolver): Middleware<AnyMiddlewareArgs> {
  return async ({ context, client, next }) => {
    let cached: Promise<ResolvedMember> | undefined;
    context[KEY] = (teamId: string, userId: string) => {
      cached ??= resolver.resolve(client, teamId, userId);
      return cached;
    };
    await next();
  };
}

/** The requesting member, from the context (resolved at most once per request). */
export function requestMember(
  context: Record<string, unknown>,
  resolver: MemberResolver,
  client: WebClient,
  teamId: string,
  userId: string,
): Promise<ResolvedMember> {
  const lazy = context[KEY];
  if (typeof lazy === 'function')
    return (lazy as (t: string, u: string) => Promise<ResolvedMember>)(teamId, userId);
  return resolver.resolve(client, teamId, userId);
}
