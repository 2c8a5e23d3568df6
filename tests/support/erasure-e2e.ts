/**
 * Helpers for the delete-my-data e2e tests: a member's data created through Slack (plan,
 * portfolio, readiness evidence, contribution, availability), and two ways to find what is left
 * of a member — rows in every table with a user_id column, and any text or JSON value naming them.
 */
import { expect } from 'vitest';
import { validateView } from '../../src/sandbox/slack/block-kit-limits.ts';
import type { FakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { TEAM, type TestApp } from './app-harness.ts';
import { lastModal, query, submitModal, type Typed } from './plans-e2e.ts';

export async function modalOf(fake: FakeSlack, callbackId: string) {
  await fake.waitFor(() => fake.callsTo('views.open').length === 1);
  const view = lastModal(fake, callbackId);
  expect(validateView(view)).toEqual([]);
  return view;
}

async function form(
  app: TestApp,
  fake: FakeSlack,
  userId: string,
  command: string,
  callbackId: string,
  typed: Record<string, Typed>,
) {
  fake.reset();
  await app.slack.slashCommand({ teamId: TEAM, userId, text: command });
  await submitModal(app, TEAM, userId, await modalOf(fake, callbackId), typed);
}

/** A member's plan, portfolio, readiness evidence, contribution, availability — through Slack. */
export async function seedMember(app: TestApp, fake: FakeSlack, userId: string) {
  await form(app, fake, userId, 'goal', 'plans_goal', {
    track: { option: 'ic' },
    destination: `Grow ${userId}`,
    horizonYears: '3',
    currentLevel: { option: 'L4' },
    targetLevel: { option: 'L5' },
  });
  await form(app, fake, userId, 'milestone add', 'plans_milestone_add', {
    kind: { option: 'delivery' },
    title: `Ship it ${userId}`,
    dueDate: { date: '2026-12-01' },
  });
  await form(app, fake, userId, 'okr add', 'plans_okr_add', {
    objective: `Objective ${userId}`,
    kr1_title: 'Migrate',
    kr1_kind: { option: 'percent' },
  });
  await app.slack.slashCommand({ teamId: TEAM, userId, text: 'okr progress 1 40' });
  await form(app, fake, userId, 'portfolio add', 'portfolio_add', {
    kind: { option: 'mentoring_note' },
    title: `Mentored someone ${userId}`,
    impact: 'They shipped alone.',
  });
  const [artifact] = await query<{ id: string }>(
    app,
    'SELECT id FROM portfolio_artifacts WHERE user_id = $1',
    [userId],
  );
  fake.reset();
  await app.slack.blockActions({
    teamId: TEAM,
    userId,
    actions: [{ action_id: 'readiness_link:mentored', value: 'ic:mentored' }],
  });
  await submitModal(app, TEAM, userId, await modalOf(fake, 'readiness_link'), {
    evidence: { checked: [String(artifact?.id)] },
  });
  await app.slack.viewSubmission({
    teamId: TEAM,
    userId,
    view: {
      callback_id: 'contribution_log',
      private_metadata: JSON.stringify({ deliveryId: null }),
      state: {
        values: {
          kind: { value: { type: 'static_select', selected_option: { value: 'feature' } } },
          title: { value: { type: 'plain_text_input', value: `Contribution ${userId}` } },
          link: { value: { type: 'url_text_input', value: null } },
          impact: { value: { type: 'plain_text_input', value: 'Customers noticed.' } },
        },
      },
    },
  });
  await app.slack.slashCommand({ teamId: TEAM, userId, text: 'ooo 2030-01-01 2030-01-02' });
  await app.slack.slashCommand({ teamId: TEAM, userId, text: 'pause until 2030-12-31' });
}

/** Rows per table that has a user_id column, for one member (found through information_schema). */
export async function rowsOf(app: TestApp, userId: string): Promise<Record<string, number>> {
  const tables = await query<{ table_name: string }>(
    app,
    `SELECT table_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'user_id' ORDER BY table_name`,
  );
  const out: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await query<{ n: number }>(
      app,
      `SELECT count(*)::int AS n FROM "${table_name}" WHERE user_id = $1`,
      [userId],
    );
    out[table_name] = row?.n ?? 0;
  }
  return out;
}

/** Every text or JSON value anywhere that still mentions the member (the audit aside). */
export async function mentionsOf(app: TestApp, userId: string): Promise<string[]> {
  const columns = await query<{ table_name: string; column_name: string }>(
    app,
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        AND c.data_type IN ('text', 'character varying', 'jsonb', 'json')
        AND c.table_name <> 'erasure_audit'`,
  );
  const found: string[] = [];
  for (const { table_name, column_name } of columns) {
    const [row] = await query<{ n: number }>(
      app,
      `SELECT count(*)::int AS n FROM "${table_name}" WHERE "${column_name}"::text LIKE $1`,
      [`%${userId}%`],
    );
    if ((row?.n ?? 0) > 0) found.push(`${table_name}.${column_name}`);
  }
  return found;
}
