/**
 * Helpers for the career-plan e2e tests: find the modal the app opened on the fake Slack and
 * submit it the way Slack does, with `state.values` built from the view's own input blocks
 * (every input present; untouched ones keep their initial value, empty ones are null).
 */
import pg from 'pg';
import type { FakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import type { TestApp } from './app-harness.ts';

type Obj = Record<string, unknown>;

/** What a test types or picks per block id: text, a select value, a date, or ticked options. */
export type Typed = string | { option: string } | { date: string } | { checked: string[] };

/** The most recent modal opened (or pushed) with this callback id. */
export function lastModal(fake: FakeSlack, callbackId: string): Obj {
  const calls = [...fake.callsTo('views.open'), ...fake.callsTo('views.push')]
    .filter((c) => (c.params.view as Obj | undefined)?.callback_id === callbackId)
    .sort((a, b) => a.at - b.at);
  const view = calls.at(-1)?.params.view as Obj | undefined;
  if (!view)
    throw new Error(
      `no modal "${callbackId}" was opened; calls: ${fake.calls.map((c) => c.method).join(', ')}`,
    );
  return view;
}

/** What Slack sends for one element: the typed value, else the element's initial value. */
function stateValue(element: Obj, typed: Typed | undefined): Obj {
  const type = String(element.type);
  if (type === 'static_select') {
    const initial = (element.initial_option as Obj | undefined)?.value;
    const value =
      typeof typed === 'object' && 'option' in typed
        ? typed.option
        : typeof typed === 'string'
          ? typed
          : typeof initial === 'string'
            ? initial
            : null;
    return {
      type,
      selected_option: value === null ? null : { text: { type: 'plain_text', text: value }, value },
    };
  }
  if (type === 'datepicker') {
    const initial = typeof element.initial_date === 'string' ? element.initial_date : null;
    const date =
      typeof typed === 'object' && 'date' in typed ? typed.date : typeof typed === 'string' ? typed : initial;
    return { type, selected_date: date };
  }
  if (type === 'timepicker' || type === 'conversations_select') {
    // A picked time ("09:30") or channel id ("C0123"), else the element's initial one.
    const [field, initialKey] =
      type === 'timepicker'
        ? ['selected_time', 'initial_time']
        : ['selected_conversation', 'initial_conversation'];
    const initial = typeof element[initialKey] === 'string' ? element[initialKey] : null;
    return { type, [field]: typeof typed === 'string' ? typed : initial };
  }
  if (type === 'checkboxes' || type === 'multi_static_select') {
    const initial = ((element.initial_options as Obj[] | undefined) ?? []).map((o) => String(o.value));
    const checked = typeof typed === 'object' && 'checked' in typed ? typed.checked : initial;
    return {
      type,
      selected_options: checked.map((value) => ({ text: { type: 'plain_text', text: value }, value })),
    };
  }
  const initial = typeof element.initial_value === 'string' ? element.initial_value : null;
  const value = typeof typed === 'string' ? typed : initial;
  return { type, value: value === '' ? null : value };
}

/** Slack's `view.state.values` for a view's input blocks with what the test typed. */
export function stateFor(view: Obj, typed: Record<string, Typed>): { values: Record<string, Obj> } {
  const values: Record<string, Obj> = {};
  for (const block of (view.blocks as Obj[]) ?? []) {
    if (block.type !== 'input') continue;
    const element = block.element as Obj;
    const blockId = String(block.block_id);
    values[blockId] = { [String(element.action_id)]: stateValue(element, typed[blockId]) };
  }
  const unknown = Object.keys(typed).filter((k) => !(k in values));
  if (unknown.length > 0) throw new Error(`the view has no input blocks ${unknown.join(', ')}`);
  return { values };
}

/** Submits a modal the app opened, as `userId` in `teamId`. */
export function submitModal(
  app: TestApp,
  teamId: string,
  userId: string,
  view: Obj,
  typed: Record<string, Typed>,
) {
  return app.slack.viewSubmission({
    teamId,
    userId,
    view: {
      callback_id: String(view.callback_id),
      private_metadata: typeof view.private_metadata === 'string' ? view.private_metadata : '',
      blocks: view.blocks,
      state: stateFor(view, typed),
    },
  });
}

/** One SQL query on the app's test database (to check what was, or was not, stored). */
export async function query<T extends pg.QueryResultRow>(
  app: TestApp,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: app.database.url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** The JSON text of the member's current Home tab ('' when none was published). */
export function homeText(fake: FakeSlack, teamId: string, userId: string): string {
  const view = fake.homeView(teamId, userId);
  return view ? JSON.stringify(view.view) : '';
}
