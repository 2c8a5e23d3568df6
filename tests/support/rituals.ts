import type { Deps } from '../../src/deps.ts';
import type { FakeSlack } from '../../src/sandbox/slack/fake-slack.ts';

const ZONES = [
  'America/New_York',
  'Europe/London',
  'Asia/Kolkata',
  'Australia/Sydney',
  'America/Sao_Paulo',
  'Pacific/Chatham',
];

/**
 * A ritual channel on the fake Slack with `count` people (spread over several time zones), plus
 * a bot and a deactivated user who must never be reminded. Returns the people's ids.
 */
export function seedRitualChannel(
  fake: FakeSlack,
  teamId: string,
  channelId: string,
  count: number,
): string[] {
  const people: string[] = [];
  for (let i = 0; i < count; i++) {
    const userId = `U${teamId.slice(1)}P${String(i).padStart(5, '0')}`;
    fake.addUser({ teamId, userId, name: `person${i}`, tz: ZONES[i % ZONES.length] as string });
    people.push(userId);
  }
  const botId = `U${teamId.slice(1)}XBOT`;
  const goneId = `U${teamId.slice(1)}XGONE`;
  fake.addUser({ teamId, userId: botId, name: 'somebot', isBot: true });
  fake.addUser({ teamId, userId: goneId, name: 'gone', deleted: true });
  fake.addChannel({ teamId, channelId, name: 'team', members: [...people, botId, goneId] });
  return people;
}

/** Points the team's contribution ritual at a channel (as `/careerplan ritual setup` would). */
export async function setUpContribution(deps: Deps, teamId: string, channelId: string) {
  await deps.workspaces.upsertWorkspace(teamId);
  return deps.rituals.saveSetup(teamId, 'contribution', {
    channelId,
    cadence: { kind: 'monthly_first_workday' },
    localTime: { hour: 10, minute: 0 },
    timeZone: null,
  });
}

/**
 * Reminder DMs on the fake Slack, per member: every chat.postMessage that posted, including those
 * answered with a 5xx after posting ("post accepted, answer 5xx") — the member got those too.
 */
export function remindersPerMember(fake: FakeSlack): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of fake.calls.filter((c) => c.method === 'chat.postMessage')) {
    const metadata = call.params.metadata as { event_type?: string } | undefined;
    if (call.response?.ok !== true || metadata?.event_type !== 'careerplan_delivery') continue;
    // The app may post to the user id; Slack answers with the DM channel it landed in.
    const channel = String(call.response?.channel ?? call.params.channel);
    counts.set(channel, (counts.get(channel) ?? 0) + 1);
  }
  return counts;
}

export async function waitUntil(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/**
 * True once no `deliver` job is waiting, delayed or running: every job that could still post a
 * reminder has run to its end. The positive signal before asserting that nothing more was sent.
 * (Other jobs, such as the fan-out of next month's occurrence that reconcile plans, may wait.)
 */
export async function deliveriesDrained(queue: {
  getJobs(
    types: Array<'waiting' | 'delayed' | 'active' | 'prioritized'>,
  ): Promise<Array<{ name: string } | undefined>>;
}): Promise<boolean> {
  const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'prioritized']);
  return jobs.every((job) => job === undefined || job.name !== 'deliver');
}
