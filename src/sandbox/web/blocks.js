// @ts-check
/**
 * Block Kit layout blocks (section, header, divider, context, actions, input, image, rich_text)
 * rendered as the sandbox page's DOM, with field errors from `response_action: errors` shown
 * under their input.
 */
import { h, mrkdwn, plainWords, textObject } from './dom.js';
import { renderElement } from './elements.js';

/** @typedef {Record<string, unknown>} Json */
/**
 * @typedef {object} BlocksContext
 * @property {'message' | 'modal' | 'home'} surface
 * @property {Record<string, string>} errors  block id → message
 * @property {import('./elements.js').Directory} directory
 * @property {(action: Json) => void} onAction
 */

/** @param {unknown} blocks @param {BlocksContext} ctx @returns {HTMLElement} */
export function renderBlocks(blocks, ctx) {
  const list = Array.isArray(blocks) ? /** @type {Json[]} */ (blocks) : [];
  return h(
    'div',
    { class: `blocks surface-${ctx.surface}` },
    ...list.map((block, index) => renderBlock(block, index, ctx)),
  );
}

/** @param {Json} block @param {number} index @param {BlocksContext} ctx */
function renderBlock(block, index, ctx) {
  // Slack gives blocks without an id one of its own; the page needs one to report state.
  const blockId = typeof block.block_id === 'string' ? block.block_id : `block-${index}`;
  /** @param {Json} element @param {boolean} inInput */
  const element = (element, inInput) =>
    renderElement(element, { blockId, inInput, directory: ctx.directory, onAction: ctx.onAction });
  const wrap = (/** @type {string} */ kind, /** @type {Array<Node | null>} */ ...children) =>
    h('div', { class: `bk-block bk-${kind}`, 'data-block': blockId }, ...children);

  switch (block.type) {
    case 'section': {
      const fields = /** @type {Json[]} */ (block.fields ?? []);
      return wrap(
        'section',
        h(
          'div',
          { class: 'bk-section-main' },
          block.text ? textObject(block.text, 'div') : null,
          fields.length ? h('div', { class: 'bk-fields' }, ...fields.map((f) => textObject(f, 'div'))) : null,
        ),
        block.accessory
          ? h('div', { class: 'bk-accessory' }, element(/** @type {Json} */ (block.accessory), false))
          : null,
      );
    }
    case 'header':
      return wrap('header', h('h3', {}, plainWords(block.text)));
    case 'divider':
      return wrap('divider', h('hr'));
    case 'context': {
      const items = /** @type {Json[]} */ (block.elements ?? []);
      return wrap(
        'context',
        ...items.map((item) =>
          item.type === 'image'
            ? h('img', { src: String(item.image_url ?? ''), alt: String(item.alt_text ?? '') })
            : textObject(item),
        ),
      );
    }
    case 'actions': {
      const items = /** @type {Json[]} */ (block.elements ?? []);
      return wrap('actions', ...items.map((item) => element(item, false)));
    }
    case 'input': {
      const error = ctx.errors[blockId];
      const control = element(/** @type {Json} */ (block.element ?? {}), true);
      if (error) control.setAttribute('aria-invalid', 'true');
      return wrap(
        'input',
        h(
          'label',
          { class: 'bk-label' },
          plainWords(block.label),
          block.optional ? h('span', { class: 'optional' }, ' (optional)') : null,
        ),
        control,
        block.hint ? h('div', { class: 'bk-hint' }, plainWords(block.hint)) : null,
        error ? h('div', { class: 'field-error', role: 'alert', 'data-error-for': blockId }, error) : null,
      );
    }
    case 'image':
      return wrap(
        'image',
        block.title ? h('div', { class: 'bk-image-title' }, plainWords(block.title)) : null,
        h('img', { src: String(block.image_url ?? ''), alt: String(block.alt_text ?? '') }),
      );
    case 'rich_text':
      return wrap('rich-text', mrkdwn(richTextWords(block)));
    default:
      return wrap('unsupported', h('span', { class: 'unsupported' }, `[${String(block.type)} block]`));
  }
}

/** The words of a rich_text block, enough to read it (styles are not kept). @param {Json} block */
function richTextWords(block) {
  /** @param {unknown} node @returns {string} */
  const words = (node) => {
    const n = /** @type {Json} */ (node ?? {});
    if (typeof n.text === 'string') return n.text;
    if (n.type === 'user') return `<@${String(n.user_id)}>`;
    if (n.type === 'link') return String(n.text ?? n.url ?? '');
    return /** @type {unknown[]} */ (n.elements ?? [])
      .map(words)
      .join(n.type === 'rich_text_list' ? '\n• ' : '');
  };
  return words(block);
}
