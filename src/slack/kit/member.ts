import { AsyncLocalStorage } from 'node:async_hooks';
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
  /**
   * Bolt middleware: each request gets its own memo, so a listener and the App Home refresh
   * after it read the member (and the team's zone) once, not once per helper that asks.
   */
  middleware(): Middleware<AnyMiddlewareArgs>;
}

/**
 * Decides a member's zone in one place, with the same rule as the fan-out (memberTimeZone): their
 * Slack zone, or the team's default. The member is read from Slack once, then from Postgres.
 */
export function createMemberResolver(deps: {
  members: MemberDirectory;
  teamZone(teamId: string): Promise<string>;
}): MemberResolver {
  const perRequest = new AsyncLocalStorage<Map<string, Promise<ResolvedMember>>>();

  async function load(client: WebClient, teamId: string, userId: string): Promise<ResolvedMember> {
    const member = await deps.members.ensure(client, teamId, userId);
    const tz = memberTimeZone({ tz: member.tz }, { timeZone: await deps.teamZone(teamId) });
    return { member, tz };
  }

  return {
    resolve(client, teamId, userId) {
      const memo = perRequest.getStore();
      if (!memo) return load(client, teamId, userId);
      const key = `${teamId}:${userId}`;
      let found = memo.get(key);
      if (!found) {
        found = load(client, teamId, userId);
        // A failed read is not remembered: the next ask in the request tries again.
        found.catch(() => memo.delete(key));
        memo.set(key, found);
      }
      return found;
    },
    middleware() {
      return async ({ next }) => {
        await perRequest.run(new Map(), () => next());
      };
    },
  };
}
