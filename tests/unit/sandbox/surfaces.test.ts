import { describe, expect, it } from 'vitest';
import type { FakeSlackCall } from '../../../src/sandbox/slack/fake-slack-types.ts';
import { createSurfaces } from '../../../src/sandbox/surfaces.ts';
import { stateValuesFor } from '../../../src/sandbox/view-values.ts';

const call = (method: string, params: Record<string, unknown>, viewId: string): FakeSlackCall => ({
  method,
  params,
  at: Date.now(),
  response: { ok: true, view: { id: viewId } },
});

describe('sandbox surfaces (who has which modal open)', () => {
  it('a modal opened or pushed with a trigger id lands on that person’s stack only', () => {
    const surfaces = createSurfaces();
    const maya = surfaces.newTrigger('U0MAYA');
    surfaces.observe(call('views.open', { trigger_id: maya }, 'V1'));
    surfaces.observe(call('views.push', { trigger_id: surfaces.newTrigger('U0MAYA') }, 'V2'));
    surfaces.observe(call('views.open', { trigger_id: 'not-a-trigger-we-gave' }, 'V3'));
    expect(surfaces.modalStack('U0MAYA')).toEqual(['V1', 'V2']);
    expect(surfaces.modalStack('U0OLIVER')).toEqual([]);
    surfaces.setFieldErrors('V2', { title: 'Too long' });
    surfaces.observe(call('views.update', {}, 'V2'));
    expect(surfaces.fieldErrors('V2')).toEqual({});
    surfaces.popModal('U0MAYA', 'V2');
    expect(surfaces.topModal('U0MAYA')).toBe('V1');
  });

  it('waitFor resolves on a change that makes the check true, and times out otherwise', async () => {
    const surfaces = createSurfaces();
    let ready = false;
    const waiting = surfaces.waitFor(() => ready, 1000, 'ready');
    ready = true;
    surfaces.changed();
    await expect(waiting).resolves.toBeUndefined();
    await expect(surfaces.waitFor(() => false, 50, 'never')).rejects.toThrow(
      'timed out after 50 ms waiting for never',
    );
  });
});

describe('state values for a view (what Slack sends on submit)', () => {
  const view = {
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: 'hi' } },
      {
        type: 'input',
        block_id: 'kind',
        element: {
          type: 'static_select',
          action_id: 'value',
          options: [{ text: { type: 'plain_text', text: 'Feature' }, value: 'feature' }],
        },
      },
      {
        type: 'input',
        block_id: 'title',
        element: { type: 'plain_text_input', action_id: 'value', initial_value: 'Old' },
      },
      {
        type: 'input',
        block_id: 'due',
        element: { type: 'datepicker', action_id: 'd', initial_date: '2027-01-01' },
      },
      { type: 'input', block_id: 'note', element: { type: 'plain_text_input', action_id: 'value' } },
    ],
  };

  it('fills typed values, keeps initial ones, leaves empty ones null, and uses the option’s own text', () => {
    expect(stateValuesFor(view, { kind: { option: 'feature' } })).toEqual({
      kind: {
        value: {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: 'Feature' }, value: 'feature' },
        },
      },
      title: { value: { type: 'plain_text_input', value: 'Old' } },
      due: { d: { type: 'datepicker', selected_date: '2027-01-01' } },
      note: { value: { type: 'plain_text_input', value: null } },
    });
    expect(() => stateValuesFor(view, { nope: 'x' })).toThrow('no input blocks nope');
  });
});
