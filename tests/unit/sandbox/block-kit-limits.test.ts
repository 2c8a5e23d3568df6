import { describe, expect, it } from 'vitest';
import {
  validateBlocks,
  validateMessage,
  validateView,
} from '../../../src/sandbox/slack/block-kit-limits.ts';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const long = (n: number) => 'x'.repeat(n);
const option = (value: string, text = value) => ({ text: plain(text), value });

/** A message using every block kind we check, each right at (not over) its limit. */
function validMessageBlocks(): Array<Record<string, unknown>> {
  return [
    { type: 'header', block_id: 'h', text: plain(long(150)) },
    {
      type: 'section',
      block_id: 's',
      text: mrkdwn(long(3000)),
      fields: Array.from({ length: 10 }, () => mrkdwn(long(2000))),
      accessory: {
        type: 'static_select',
        action_id: 'pick',
        options: Array.from({ length: 100 }, (_, i) => option(`${i}${long(140)}`, long(75))),
      },
    },
    { type: 'context', elements: Array.from({ length: 10 }, () => mrkdwn('hi')) },
    {
      type: 'actions',
      elements: Array.from({ length: 25 }, (_, i) => ({
        type: 'button',
        action_id: `b${i}${long(250)}`,
        text: plain(long(75)),
        value: long(2000),
        url: `https://e.x/${long(2980)}`,
      })),
    },
    { type: 'divider', block_id: long(255) },
  ];
}

function validModal(): Record<string, unknown> {
  return {
    type: 'modal',
    callback_id: long(255),
    private_metadata: long(3000),
    title: plain(long(24)),
    submit: plain(long(24)),
    close: plain(long(24)),
    blocks: [
      {
        type: 'input',
        block_id: 'goal',
        label: plain(long(2000)),
        element: { type: 'plain_text_input', action_id: 'goal', max_length: 3000, initial_value: long(3000) },
      },
      { type: 'section', text: mrkdwn('ok') },
    ],
  };
}

/** Runs `mutate` on a fresh valid message and returns the violations. */
function messageWith(mutate: (blocks: Array<Record<string, unknown>>) => void): string[] {
  const blocks = validMessageBlocks();
  mutate(blocks);
  return validateBlocks(blocks, 'message');
}

function modalWith(mutate: (view: Record<string, unknown>) => void): string[] {
  const view = validModal();
  mutate(view);
  return validateView(view);
}

const section = (blocks: Array<Record<string, unknown>>) => blocks[1] as Record<string, unknown>;
const accessory = (blocks: Array<Record<string, unknown>>) =>
  section(blocks).accessory as { options: Array<Record<string, unknown>> };
const buttons = (blocks: Array<Record<string, unknown>>) =>
  (blocks[3] as { elements: Array<Record<string, unknown>> }).elements;

describe('validateBlocks / validateView', () => {
  it('accepts payloads that sit exactly at every limit', () => {
    expect(validateBlocks(validMessageBlocks(), 'message')).toEqual([]);
    expect(validateView(validModal())).toEqual([]);
    expect(validateView({ type: 'home', blocks: validMessageBlocks() })).toEqual([]);
    expect(validateMessage({ text: long(40_000), blocks: validMessageBlocks() })).toEqual([]);
  });

  it.each<[string, (b: Array<Record<string, unknown>>) => void, RegExp]>([
    [
      '51 blocks in a message',
      (b) => b.push(...Array.from({ length: 46 }, () => ({ type: 'divider' }))),
      /51 blocks \(max 50/,
    ],
    [
      'section text over 3000',
      (b) => Object.assign(section(b), { text: mrkdwn(long(3001)) }),
      /blocks\[1\]\.text\.text is 3001 characters \(max 3000\)/,
    ],
    [
      '11 section fields',
      (b) => (section(b).fields as unknown[]).push(mrkdwn('x')),
      /fields has 11 fields \(max 10\)/,
    ],
    [
      'a section field over 2000',
      (b) => ((section(b).fields as unknown[])[0] = mrkdwn(long(2001))),
      /fields\[0\]\.text is 2001 characters \(max 2000\)/,
    ],
    [
      'header over 150',
      (b) => Object.assign(b[0] as object, { text: plain(long(151)) }),
      /blocks\[0\]\.text\.text is 151 characters \(max 150\)/,
    ],
    [
      'mrkdwn header',
      (b) => Object.assign(b[0] as object, { text: mrkdwn('hi') }),
      /blocks\[0\]\.text must be plain_text/,
    ],
    [
      '11 context elements',
      (b) => (b[2] as { elements: unknown[] }).elements.push(mrkdwn('x')),
      /elements has 11 elements \(max 10\)/,
    ],
    [
      '26 action elements',
      (b) => buttons(b).push({ type: 'button', text: plain('x') }),
      /elements has 26 elements \(max 25\)/,
    ],
    [
      'button text over 75',
      (b) => Object.assign(buttons(b)[0] as object, { text: plain(long(76)) }),
      /elements\[0\]\.text\.text is 76 characters \(max 75\)/,
    ],
    [
      'button value over 2000',
      (b) => Object.assign(buttons(b)[0] as object, { value: long(2001) }),
      /value is 2001 characters \(max 2000\)/,
    ],
    [
      'button url over 3000',
      (b) => Object.assign(buttons(b)[0] as object, { url: long(3001) }),
      /url is 3001 characters \(max 3000\)/,
    ],
    [
      'action_id over 255',
      (b) => Object.assign(buttons(b)[0] as object, { action_id: long(256) }),
      /action_id is 256 characters \(max 255\)/,
    ],
    [
      'duplicate action_id within a block',
      (b) =>
        Object.assign(buttons(b)[1] as object, {
          action_id: (buttons(b)[0] as { action_id: string }).action_id,
        }),
      /action_id "b0x+" is not unique/,
    ],
    [
      'block_id over 255',
      (b) => Object.assign(b[4] as object, { block_id: long(256) }),
      /block_id is 256 characters \(max 255\)/,
    ],
    [
      'duplicate block_id',
      (b) => Object.assign(b[4] as object, { block_id: 'h' }),
      /block_id "h" is not unique/,
    ],
    [
      '101 select options',
      (b) => accessory(b).options.push(option('extra')),
      /options has 101 options \(max 100\)/,
    ],
    [
      'option text over 75',
      (b) => ((accessory(b).options[0] as Record<string, unknown>).text = plain(long(76))),
      /options\[0\]\.text\.text is 76 characters \(max 75\)/,
    ],
    [
      'option value over 150',
      (b) => ((accessory(b).options[0] as Record<string, unknown>).value = long(151)),
      /options\[0\]\.value is 151 characters \(max 150\)/,
    ],
    [
      'a text object of unknown type',
      (b) => Object.assign(section(b), { text: { type: 'markdown', text: 'x' } }),
      /text\.type must be "plain_text" or "mrkdwn"/,
    ],
    [
      'an empty text',
      (b) => Object.assign(section(b), { text: mrkdwn('') }),
      /text\.text must be a non-empty string/,
    ],
    [
      'an input block in a message',
      (b) => b.push({ type: 'input', label: plain('x'), element: { type: 'plain_text_input' } }),
      /\(input\) is not allowed in messages/,
    ],
    ['an unknown block type', (b) => b.push({ type: 'carousel' }), /"carousel" is not a known block type/],
  ])('flags %s', (_name, mutate, expected) => {
    const found = messageWith(mutate);
    expect(
      found.some((v) => expected.test(v)),
      found.join('\n'),
    ).toBe(true);
  });

  it('flags message text over 40000', () => {
    expect(validateMessage({ text: long(40_001) })).toEqual(['text is 40001 characters (max 40000)']);
  });

  it('allows 100 blocks in a modal or home tab, not 101', () => {
    const blocks = (n: number) => Array.from({ length: n }, () => ({ type: 'divider' }));
    expect(validateBlocks(blocks(100), 'modal')).toEqual([]);
    expect(validateBlocks(blocks(101), 'home')).toEqual(['blocks has 101 blocks (max 100 in a home)']);
    expect(validateView({ type: 'home', blocks: blocks(101) })).toEqual([
      'view.blocks has 101 blocks (max 100 in a home)',
    ]);
  });

  it.each<[string, (v: Record<string, unknown>) => void, RegExp]>([
    [
      'a view type other than modal/home',
      (v) => (v.type = 'workflow_step'),
      /view\.type must be "modal" or "home"/,
    ],
    ['a title over 24', (v) => (v.title = plain(long(25))), /view\.title\.text is 25 characters \(max 24\)/],
    ['a missing title', (v) => delete v.title, /view\.title is required/],
    [
      'a submit over 24',
      (v) => (v.submit = plain(long(25))),
      /view\.submit\.text is 25 characters \(max 24\)/,
    ],
    ['a close over 24', (v) => (v.close = plain(long(25))), /view\.close\.text is 25 characters \(max 24\)/],
    ['inputs without submit', (v) => delete v.submit, /view\.submit is required/],
    [
      'private_metadata over 3000',
      (v) => (v.private_metadata = long(3001)),
      /private_metadata is 3001 characters \(max 3000\)/,
    ],
    ['callback_id over 255', (v) => (v.callback_id = long(256)), /callback_id is 256 characters \(max 255\)/],
    [
      'an input label over 2000',
      (v) => Object.assign((v.blocks as object[])[0] as object, { label: plain(long(2001)) }),
      /label\.text is 2001 characters \(max 2000\)/,
    ],
    [
      'max_length over 3000',
      (v) =>
        Object.assign(((v.blocks as Array<{ element: object }>)[0] as { element: object }).element, {
          max_length: 3001,
          initial_value: 'x',
        }),
      /max_length must be a number from 1 to 3000/,
    ],
    [
      'initial_value longer than max_length',
      (v) =>
        Object.assign(((v.blocks as Array<{ element: object }>)[0] as { element: object }).element, {
          max_length: 10,
          initial_value: long(11),
        }),
      /initial_value is 11 characters, longer than max_length 10/,
    ],
  ])('flags a modal with %s', (_name, mutate, expected) => {
    const found = modalWith(mutate);
    expect(
      found.some((v) => expected.test(v)),
      found.join('\n'),
    ).toBe(true);
  });

  it('rejects something that is not a view at all', () => {
    expect(validateView('nope')).toEqual(['view must be an object']);
    expect(validateBlocks({ type: 'section' }, 'message')).toEqual(['blocks must be an array']);
  });
});
