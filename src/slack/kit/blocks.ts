import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';

/**
 * Block Kit helpers shared by every feature. User text is escaped before it lands in mrkdwn: the
 * {@link md} template escapes every value by default (only {@link raw} mrkdwn passes as is), and
 * every text is cut to the limit of the field it fills.
 */

/** An input's action id is its block id: unique within the view, and errors key by block id. */
function inputAction(blockId: string): string {
  return blockId;
}

const MRKDWN = Symbol('mrkdwn');

/** Text that is already mrkdwn (built by these helpers), so {@link md} leaves it alone. */
export interface Mrkdwn {
  readonly [MRKDWN]: string;
}

/** Marks text as mrkdwn written by the app (never user text). */
export function raw(text: string): Mrkdwn {
  return { [MRKDWN]: text };
}

/**
 * mrkdwn with every interpolated value escaped by default: md`Logged *${title}*` cannot be turned
 * into a `<!channel>` by what the member typed. Wrap app-built mrkdwn in {@link raw}.
 */
export function md(
  strings: TemplateStringsArray,
  ...values: ReadonlyArray<string | number | Mrkdwn>
): string {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += typeof value === 'object' ? value[MRKDWN] : esc(String(value));
    out += strings[i + 1] ?? '';
  });
  return out;
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts text to `max` characters with an ellipsis. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** A mrkdwn link; characters that would end Slack's `<url|text>` early are percent-encoded. */
export function link(url: string, text: string): string {
  return `<${url.replace(/[<>|\s]/g, (c) => encodeURIComponent(c))}|${esc(text)}>`;
}

/** User text on one line, escaped and cut (for list lines and headings). */
export function line(text: string, max = 150): string {
  return esc(cut(text.replace(/\s*[\r\n]+\s*/g, ' ').trim(), max));
}

export function plain(text: string, max = 75): { type: 'plain_text'; text: string } {
  return { type: 'plain_text', text: cut(text, max) };
}

export function mrkdwn(text: string): { type: 'mrkdwn'; text: string } {
  return { type: 'mrkdwn', text: cut(text, 3000) };
}

export function option(text: string, value: string, description?: string): PlainTextOption {
  return {
    text: plain(text),
    value,
    ...(description ? { description: plain(description) } : {}),
  };
}

export function header(text: string): KnownBlock {
  return { type: 'header', text: plain(text, 150) };
}

export function context(text: string): KnownBlock {
  return { type: 'context', elements: [mrkdwn(text)] };
}

export function section(text: string): KnownBlock {
  return { type: 'section', text: mrkdwn(text) };
}

/** A text input block whose block id names the field (errors come back keyed by it). */
export function textInput(
  blockId: string,
  label: string,
  opts: {
    initial?: string | null;
    maxLength?: number;
    multiline?: boolean;
    optional?: boolean;
    placeholder?: string;
    hint?: string;
  } = {},
): InputBlock {
  const maxLength = opts.maxLength ?? 3000;
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label, 2000),
    optional: opts.optional ?? false,
    ...(opts.hint ? { hint: plain(opts.hint, 2000) } : {}),
    element: {
      type: 'plain_text_input',
      action_id: inputAction(blockId),
      max_length: maxLength,
      multiline: opts.multiline ?? false,
      ...(opts.initial ? { initial_value: cut(opts.initial, maxLength) } : {}),
      ...(opts.placeholder ? { placeholder: plain(opts.placeholder, 150) } : {}),
    },
  };
}

/** A static select input; `initial` is used only when it is one of the options. */
export function selectInput(
  blockId: string,
  label: string,
  options: PlainTextOption[],
  opts: { initial?: string | null; optional?: boolean; hint?: string } = {},
): InputBlock {
  const initial = options.find((o) => o.value === opts.initial);
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label, 2000),
    optional: opts.optional ?? false,
    ...(opts.hint ? { hint: plain(opts.hint, 2000) } : {}),
    element: {
      type: 'static_select',
      action_id: inputAction(blockId),
      placeholder: plain('Choose…', 150),
      options,
      ...(initial ? { initial_option: initial } : {}),
    },
  };
}

/** A modal with our conventions: title ≤ 24, submit/close labels, JSON private_metadata. */
export function modal(args: {
  callbackId: string;
  title: string;
  blocks: KnownBlock[];
  submit?: string;
  close?: string;
  metadata?: Record<string, unknown>;
}): ModalView {
  return {
    type: 'modal',
    callback_id: args.callbackId,
    title: plain(args.title, 24),
    close: plain(args.close ?? 'Cancel', 24),
    ...(args.submit ? { submit: plain(args.submit, 24) } : {}),
    ...(args.metadata ? { private_metadata: JSON.stringify(args.metadata) } : {}),
    blocks: args.blocks,
  };
}

/** A one-line refusal or confirmation modal (used where there is no message to answer). */
export function noticeModal(callbackId: string, title: string, text: string): ModalView {
  return modal({ callbackId, title, close: 'OK', blocks: [section(text)] });
}
