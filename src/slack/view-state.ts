import type { ViewOutput } from '@slack/bolt';

type StateValue = {
  type?: string;
  value?: string | null;
  selected_option?: { value?: string } | null;
  selected_options?: Array<{ value?: string }>;
  selected_conversation?: string | null;
  selected_channel?: string | null;
  selected_date?: string | null;
};

/**
 * The submitted value of an input block, whatever its element type (text, url, select,
 * conversations select, date); '' when empty. Our modals use action_id 'value' throughout.
 */
export function inputValue(view: ViewOutput, blockId: string, actionId = 'value'): string {
  const state = view.state.values[blockId]?.[actionId] as StateValue | undefined;
  if (!state) return '';
  return (
    state.value ??
    state.selected_option?.value ??
    state.selected_conversation ??
    state.selected_channel ??
    state.selected_date ??
    ''
  );
}

/** The values of a checkboxes / multi-select input. */
export function inputValues(view: ViewOutput, blockId: string, actionId = 'value'): string[] {
  const state = view.state.values[blockId]?.[actionId] as StateValue | undefined;
  return (state?.selected_options ?? []).map((o) => o.value ?? '').filter((v) => v !== '');
}

export function metadataOf<T>(view: ViewOutput): Partial<T> {
  try {
    return JSON.parse(view.private_metadata || '{}') as Partial<T>;
  } catch {
    return {};
  }
}
