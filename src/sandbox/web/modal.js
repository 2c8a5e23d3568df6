// @ts-check
/**
 * The modal on top of the person's stack. Its blocks are built again only when the view itself
 * changes (views.update, push, a new modal); field errors and the banner are laid over the
 * existing form, so what the person typed stays, as in Slack.
 */
import { renderBlocks } from './blocks.js';
import { h, plainWords } from './dom.js';
import { collectValues } from './elements.js';

/** @typedef {import('./types.js').Snapshot} Snapshot */
/** @typedef {Record<string, Record<string, Record<string, unknown>>>} Values */
/**
 * @typedef {object} ModalHandlers
 * @property {(viewId: string, values: Values) => Promise<void>} submit
 * @property {(viewId: string, values: Values) => Promise<void>} close
 * @property {(viewId: string, action: Record<string, unknown>, values: Values) => Promise<void>} action
 */

let shownKey = '';

/** @param {HTMLElement} root @param {Snapshot} s @param {ModalHandlers} handlers */
export function renderModal(root, s, handlers) {
  const modal = s.modal;
  if (!modal) {
    shownKey = '';
    root.replaceChildren();
    return;
  }
  const key = `${modal.id}:${JSON.stringify(modal.view)}`;
  if (key !== shownKey) {
    shownKey = key;
    root.replaceChildren(buildModal(s, modal, handlers));
  }
  showErrors(root, modal.errors, modal.banner);
}

/** @param {Snapshot} s @param {NonNullable<Snapshot['modal']>} modal @param {ModalHandlers} handlers */
function buildModal(s, modal, handlers) {
  const view = modal.view;
  const body = h('div', { class: 'modal-body' });
  const values = () => collectValues(body);
  body.append(
    renderBlocks(view.blocks, {
      surface: 'modal',
      errors: {},
      directory: { channels: s.channels, people: s.people.filter((p) => !p.isBot) },
      onAction: (action) => void handlers.action(modal.id, action, values()),
    }),
  );
  const submitButton = view.submit
    ? /** @type {HTMLButtonElement} */ (
        h(
          'button',
          { type: 'submit', class: 'bk-button primary', 'data-modal-submit': true },
          plainWords(view.submit),
        )
      )
    : null;
  const form = h(
    'form',
    {
      class: 'modal',
      novalidate: true,
      role: 'dialog',
      'aria-modal': 'true',
      'aria-label': plainWords(view.title),
      'data-view-id': modal.id,
      'data-callback-id': String(view.callback_id ?? ''),
      onsubmit: (event) => {
        event.preventDefault();
        if (!submitButton || submitButton.disabled) return;
        submitButton.disabled = true;
        void handlers.submit(modal.id, values()).finally(() => {
          submitButton.disabled = false;
        });
      },
    },
    h(
      'header',
      {},
      modal.depth > 1 ? h('span', { class: 'stack-depth' }, `${modal.depth} deep`) : null,
      h('h2', {}, plainWords(view.title)),
      h(
        'button',
        {
          type: 'button',
          class: 'close',
          'aria-label': 'Close',
          onclick: () => void handlers.close(modal.id, values()),
        },
        '×',
      ),
    ),
    h('div', { class: 'banner', role: 'alert', hidden: true }),
    body,
    h(
      'footer',
      {},
      h(
        'button',
        { type: 'button', class: 'bk-button', onclick: () => void handlers.close(modal.id, values()) },
        plainWords(view.close) || 'Cancel',
      ),
      submitButton,
    ),
  );
  return h('div', { class: 'modal-backdrop' }, form);
}

/** @param {HTMLElement} root @param {Record<string, string>} errors @param {string | null} banner */
function showErrors(root, errors, banner) {
  for (const old of root.querySelectorAll('.field-error')) old.remove();
  for (const invalid of root.querySelectorAll('[aria-invalid]')) invalid.removeAttribute('aria-invalid');
  for (const [blockId, message] of Object.entries(errors)) {
    const block = root.querySelector(`.modal-body [data-block="${CSS.escape(blockId)}"]`);
    if (!block) continue;
    block.querySelector('[data-action-id]')?.setAttribute('aria-invalid', 'true');
    block.append(h('div', { class: 'field-error', role: 'alert', 'data-error-for': blockId }, message));
  }
  const box = /** @type {HTMLElement | null} */ (root.querySelector('.banner'));
  if (box) {
    box.textContent = banner ?? '';
    box.hidden = !banner;
  }
}
