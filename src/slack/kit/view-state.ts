import type { ViewOutput } from '@slack/bolt';
import { DomainError } from '../../domain/errors.ts';
import type { Logger } from '../../ops/logger.ts';
import { fieldErrorsFor, userMessageFor } from './errors.ts';

/**
 * Reading our modals' submissions. The block id of every input is the field name, so a
 * DomainError's `field` is also the block its message belongs to.
 */

/** The state of a block's single input element, whatever its action id. */
function stateOf(view: ViewOutput, blockId: string) {
  const block = view.state.values[blockId];
  return block ? Object.values(block)[0] : undefined;
}

/** The submitted text, selected option, conversation, date or time of an input block; '' when empty. */
export function fieldValue(view: ViewOutput, blockId: string): string {
  const state = stateOf(view, blockId);
  if (!state) return '';
  return (
    state.value ??
    state.selected_option?.value ??
    state.selected_conversation ??
    state.selected_channel ??
    state.selected_date ??
    state.selected_time ??
    ''
  );
}

/** The ticked values of a checkboxes (or multi-select) input block. */
export function fieldValues(view: ViewOutput, blockId: string): string[] {
  return (stateOf(view, blockId)?.selected_options ?? []).map((o) => o.value ?? '').filter((v) => v !== '');
}

/** Whether a checkboxes input has the option `value` ticked. */
export function isChecked(view: ViewOutput, blockId: string, value: string): boolean {
  const state = stateOf(view, blockId);
  return (state?.selected_options ?? []).some((o) => o.value === value);
}

/** Whether the submitted view has an input block with this id. */
export function hasBlock(view: ViewOutput, blockId: string): boolean {
  return blockId in view.state.values || view.blocks.some((b) => b.block_id === blockId);
}

/** The JSON object in private_metadata ({} when absent or not ours). */
export function metadataOf(view: ViewOutput): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(view.private_metadata || '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The `response_action: errors` answer for a failed submission. A DomainError shows beside its
 * field when the form has that block, else beside `fallbackBlock`; any other error is logged and
 * shown (with a reference) beside `fallbackBlock`, so the modal never just hangs.
 */
export function viewErrors(
  error: unknown,
  view: ViewOutput,
  fallbackBlock: string,
  logger: Logger,
): { response_action: 'errors'; errors: Record<string, string> } {
  const byField = fieldErrorsFor(error);
  const [field, message] = byField ? (Object.entries(byField)[0] ?? []) : [];
  if (field && message && hasBlock(view, field)) {
    return { response_action: 'errors', errors: { [field]: message } };
  }
  const text =
    error instanceof DomainError
      ? error.message
      : userMessageFor(error, logger, { view: view.callback_id }).replace(/^:x: /, '');
  return { response_action: 'errors', errors: { [fallbackBlock]: text } };
}
