/**
 * The sandbox's demo workspace: a small distributed team, so time zones, admin-only commands and
 * rituals all have someone to show them to. Ids are fixed, so data the app stored in Postgres
 * during an earlier run still belongs to the same people after a restart.
 */
import type { FakeSlack } from './slack/fake-slack.ts';
import type { FakeSlackModel } from './slack/fake-slack-model.ts';

export const DEMO_TEAM = {
  teamId: 'T0SANDBOX',
  teamName: 'Acme Engineering',
  /** Not a secret: it only opens the sandbox's own Slack stand-in, on 127.0.0.1. */
  botToken: 'xoxb-sandbox-0000-careerplan',
  botUserId: 'U0CAREERPLAN',
} as const;

export interface DemoPerson {
  userId: string;
  name: string;
  realName: string;
  tz: string;
  city: string;
  isAdmin?: boolean;
}

/** Ten people in ten cities; Maya (New York) is the workspace admin who sets up rituals. */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    userId: 'U0MAYA',
    name: 'maya',
    realName: 'Maya Chen',
    tz: 'America/New_York',
    city: 'New York',
    isAdmin: true,
  },
  { userId: 'U0OLIVER', name: 'oliver', realName: 'Oliver Hughes', tz: 'Europe/London', city: 'London' },
  { userId: 'U0LENA', name: 'lena', realName: 'Lena Fischer', tz: 'Europe/Berlin', city: 'Berlin' },
  { userId: 'U0PRIYA', name: 'priya', realName: 'Priya Raman', tz: 'Asia/Kolkata', city: 'Bangalore' },
  { userId: 'U0JACK', name: 'jack', realName: 'Jack Wilson', tz: 'Australia/Sydney', city: 'Sydney' },
  { userId: 'U0ANA', name: 'ana', realName: 'Ana Souza', tz: 'America/Sao_Paulo', city: 'São Paulo' },
  { userId: 'U0KENJI', name: 'kenji', realName: 'Kenji Sato', tz: 'Asia/Tokyo', city: 'Tokyo' },
  { userId: 'U0AMARA', name: 'amara', realName: 'Amara Okafor', tz: 'Africa/Lagos', city: 'Lagos' },
  {
    userId: 'U0DIEGO',
    name: 'diego',
    realName: 'Diego Ramírez',
    tz: 'America/Mexico_City',
    city: 'Mexico City',
  },
  { userId: 'U0SAM', name: 'sam', realName: 'Sam Taylor', tz: 'America/Los_Angeles', city: 'San Francisco' },
];

export const DEMO_CHANNELS = {
  engineering: { channelId: 'C0ENGINEERING', name: 'engineering' },
  general: { channelId: 'C0GENERAL', name: 'general' },
} as const;

export const DEMO_ADMIN = DEMO_PEOPLE[0] as DemoPerson;

/**
 * Registers the workspace, its people and channels on the Slack stand-in. Everyone is in both
 * channels; the bot is in #engineering only (where the contribution ritual runs). Each person's
 * DM with the app exists from the start, as the app's Messages tab does in Slack.
 */
export function seedDemoWorkspace(fake: FakeSlack, model: FakeSlackModel): void {
  fake.addWorkspace({
    teamId: DEMO_TEAM.teamId,
    teamName: DEMO_TEAM.teamName,
    botToken: DEMO_TEAM.botToken,
    botUserId: DEMO_TEAM.botUserId,
  });
  for (const person of DEMO_PEOPLE) {
    fake.addUser({
      teamId: DEMO_TEAM.teamId,
      userId: person.userId,
      name: person.name,
      realName: person.realName,
      tz: person.tz,
      isAdmin: person.isAdmin ?? false,
    });
  }
  const everyone = DEMO_PEOPLE.map((p) => p.userId);
  fake.addChannel({
    teamId: DEMO_TEAM.teamId,
    ...DEMO_CHANNELS.engineering,
    members: [...everyone, DEMO_TEAM.botUserId],
  });
  fake.addChannel({ teamId: DEMO_TEAM.teamId, ...DEMO_CHANNELS.general, members: everyone });
  const workspace = model.workspaces.get(DEMO_TEAM.teamId);
  if (workspace) for (const userId of everyone) model.openDm(workspace, userId);
}
