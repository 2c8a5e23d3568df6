import type { AnyMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import type { Member } from '../../../src/domain/workspaces/workspace.ts';
import { createMemberResolver } from '../../../src/slack/kit/member.ts';
import type { MemberDirectory } from '../../../src/slack-api/member-directory.ts';

const client = {} as WebClient;

function resolverWith(tz: string | null) {
  let reads = 0;
  const members = {
    ensure: async (_client: WebClient, teamId: string, userId: string) => {
      reads++;
      return { teamId, userId, tz } as Member;
    },
  } as unknown as MemberDirectory;
  const resolver = createMemberResolver({ members, teamZone: async () => 'Europe/Berlin' });
  return { resolver, reads: () => reads };
}

describe('the member resolver (one place that decides a member’s zone)', () => {
  it('uses the member’s Slack zone, else the team’s default — never a silent UTC', async () => {
    expect((await resolverWith('Asia/Kolkata').resolver.resolve(client, 'T1', 'U1')).tz).toBe('Asia/Kolkata');
    expect((await resolverWith(null).resolver.resolve(client, 'T1', 'U1')).tz).toBe('Europe/Berlin');
    expect((await resolverWith('Mars/Olympus').resolver.resolve(client, 'T1', 'U1')).tz).toBe(
      'Europe/Berlin',
    );
  });

  it('reads a member once per request inside its middleware, and afresh outside it', async () => {
    const { resolver, reads } = resolverWith('UTC');
    const middleware = resolver.middleware();
    await middleware({
      next: async () => {
        await resolver.resolve(client, 'T1', 'U1');
        await resolver.resolve(client, 'T1', 'U1');
        await resolver.resolve(client, 'T1', 'U2');
      },
    } as unknown as AnyMiddlewareArgs & { next: () => Promise<void> } as never);
    expect(reads()).toBe(2);
    await resolver.resolve(client, 'T1', 'U1');
    expect(reads()).toBe(3);
  });
});
