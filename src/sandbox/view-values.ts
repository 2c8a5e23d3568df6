/**
 * `view.state.values` for a view's input blocks, as Slack builds it when a person submits: every
 * input is present, untouched ones keep their initial value, empty ones are null. Used by the
 * demo data to fill the app's own forms.
 */
import type { StateValues } from './payloads.ts';

type Json = Record<string, unknown>;

/** What is typed or picked per block id: text, a select value, a date, or ticked options. */
export type Typed = string | { option: string } | { date: string } | { checked: string[] };

const plain = (text: string) => ({ type: 'plain_text', text });

function options(element: Json): Json[] {
  const direct = (element.options as Json[] | undefined) ?? [];
  const grouped = ((element.option_groups as Json[] | undefined) ?? []).flatMap(
    (g) => (g.options as Json[]) ?? [],
  );
  return [...direct, ...grouped];
}

function optionFor(element: Json, value: string | null): Json | null {
  if (value === null) return null;
  return options(element).find((o) => o.value === value) ?? { text: plain(value), value };
}

/** One element's state: what was typed, else its initial value. */
export function elementState(element: Json, typed: Typed | undefined): Json {
  const type = String(element.type);
  const text = typeof typed === 'string' ? typed : undefined;
  switch (type) {
    case 'static_select':
    case 'radio_buttons': {
      const initial = (element.initial_option as Json | undefined)?.value;
      const chosen =
        typeof typed === 'object' && 'option' in typed
          ? typed.option
          : (text ?? (typeof initial === 'string' ? initial : null));
      return { type, selected_option: optionFor(element, chosen) };
    }
    case 'datepicker': {
      const chosen =
        typeof typed === 'object' && 'date' in typed ? typed.date : (text ?? element.initial_date ?? null);
      return { type, selected_date: chosen };
    }
    case 'timepicker':
      return { type, selected_time: text ?? element.initial_time ?? null };
    case 'checkboxes':
    case 'multi_static_select': {
      const initial = ((element.initial_options as Json[] | undefined) ?? []).map((o) => String(o.value));
      const checked = typeof typed === 'object' && 'checked' in typed ? typed.checked : initial;
      return { type, selected_options: checked.map((v) => optionFor(element, v)) };
    }
    case 'conversations_select':
      return { type, selected_conversation: text ?? element.initial_conversation ?? null };
    case 'channels_select':
      return { type, selected_channel: text ?? element.initial_channel ?? null };
    case 'users_select':
      return { type, selected_user: text ?? element.initial_user ?? null };
    case 'multi_users_select': {
      const initial = (element.initial_users as string[] | undefined) ?? [];
      return {
        type,
        selected_users: typeof typed === 'object' && 'checked' in typed ? typed.checked : initial,
      };
    }
    default: {
      const value = text ?? (typeof element.initial_value === 'string' ? element.initial_value : null);
      return { type, value: value === '' ? null : value };
    }
  }
}

/** The state of every input block of `view`; typing into a block the view lacks is an error. */
export function stateValuesFor(view: Json, typed: Record<string, Typed>): StateValues {
  const values: StateValues = {};
  for (const block of (view.blocks as Json[] | undefined) ?? []) {
    if (block.type !== 'input') continue;
    const element = block.element as Json;
    const blockId = String(block.block_id);
    values[blockId] = { [String(element.action_id)]: elementState(element, typed[blockId]) };
  }
  const unknown = Object.keys(typed).filter((k) => !(k in values));
  if (unknown.length > 0) throw new Error(`the view has no input blocks ${unknown.join(', ')}`);
  return values;
}
