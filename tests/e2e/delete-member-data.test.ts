import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { seedWorkspace, startTestApp, TEAM, type TestApp } from '../support/app-harness.ts';
import { mentionsOf, modalOf, rowsOf, seedMember } from '../support/erasure-e2e.ts';
import { query, stateFor, submitModal } from '../support/plans-e2e.ts';

const ALICE = 'U0ALICE'; // an admin
const CAROL = 'U0CAROL'; // leaves the workspace
const DAVE = 'U0DAVE';

/**
 * delete-my-data for a member who left (a data-protection request): only admins, only members
 * who left, checked when the confirmation opens and again on submit; audited as by an admin.
 */
describe('delete-my-data by an admin', () => {
  let fake: FakeSlack;
  let app: TestApp;

  beforeAll(async () => {
    fake = await startFakeSlack();
    seedWorkspace(fake);
    fake.addUser({ teamId: TEAM, userId: CAROL, name: 'carol', tz: 'Asia/Kolkata' });
    fake.addUser({ teamId: TEAM, userId: DAVE, name: 'dave', tz: 'Europe/Berlin' });
    app = await startTestApp({ fake, clock: fixedClock(new Date('2026-09-01T12:00:00Z')) });
    for (const userId of [ALICE, CAROL]) await seedMember(app, fake, userId);
  }, 60_000);
  afterAll(async () => {
    await app?.cleanup();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('admins erase a member who left; non-admins and erasing an active member are refused, on submit too', async () => {
    /** The ephemeral answer: in the acknowledgement, or (after ack) through response_url. */
    const reply = async (userId: string, text: string) => {
      fake.reset();
      const res = await app.slack.slashCommand({ teamId: TEAM, userId, text });
      const inAck = (res.json() as { text?: string } | undefined)?.text;
      if (inAck) return inAck;
      await fake.waitFor(() => fake.responseUrlPosts().length === 1);
      return String(fake.responseUrlPosts()[0]?.body.text);
    };
    expect(await reply(ALICE, 'delete-my-data everyone')).toContain("I can't read `everyone`");
    expect(await reply(DAVE, `delete-my-data <@${CAROL}|carol>`)).toContain('Only workspace admins');
    expect(await reply(ALICE, `delete-my-data <@${DAVE}|dave>`)).toContain('still an active member');

    // Carol leaves the workspace.
    fake.addUser({ teamId: TEAM, userId: CAROL, name: 'carol', tz: 'Asia/Kolkata', deleted: true });
    const carolBefore = await rowsOf(app, CAROL);
    fake.reset();
    await app.slack.slashCommand({ teamId: TEAM, userId: ALICE, text: `delete-my-data <@${CAROL}|carol>` });
    const view = await modalOf(fake, 'privacy_erase_confirm');
    expect(JSON.stringify(view.blocks)).toContain(`everything careerplan holds about <@${CAROL}>`);
    expect(JSON.stringify(view.blocks)).toContain('2 portfolio artifacts');

    // The same confirmation submitted by a non-admin: refused, nothing erased.
    const forged = await app.slack.viewSubmission({
      teamId: TEAM,
      userId: DAVE,
      view: {
        callback_id: 'privacy_erase_confirm',
        private_metadata: String(view.private_metadata),
        blocks: view.blocks,
        state: stateFor(view, { confirm: { checked: ['erase'] } }),
      },
    });
    expect(forged.json()).toMatchObject({
      response_action: 'errors',
      errors: { confirm: expect.stringContaining('Only workspace admins') },
    });
    expect(await rowsOf(app, CAROL)).toEqual(carolBefore);

    const res = await submitModal(app, TEAM, ALICE, view, { confirm: { checked: ['erase'] } });
    expect(JSON.stringify(res.json())).toContain(`The careerplan data of <@${CAROL}> is erased.`);
    expect(Object.entries(await rowsOf(app, CAROL)).filter(([, n]) => n > 0)).toEqual([]);
    expect(await mentionsOf(app, CAROL)).toEqual([]);
    const audit = await query<{ subject_id: string; actor_id: string; by_admin: boolean }>(
      app,
      'SELECT subject_id, actor_id, by_admin FROM erasure_audit WHERE subject_id = $1',
      [CAROL],
    );
    expect(audit).toEqual([{ subject_id: CAROL, actor_id: ALICE, by_admin: true }]);
    // Alice's own data is still there.
    expect((await rowsOf(app, ALICE)).north_stars).toBe(1);
  });
});
