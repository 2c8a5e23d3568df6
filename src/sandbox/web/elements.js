// @ts-check
/**
 * Block Kit interactive elements as form controls. Each control remembers how to read its state
 * the way Slack reports it in `view.state.values`, and how to describe a change as the `actions[0]`
 * of a block_actions payload.
 */
import { h, plainWords, textObject } from './dom.js';

/** @typedef {Record<string, unknown>} Json */
/** @typedef {{ channels: Array<{id: string, name: string}>, people: Array<{id: string, realName: string}> }} Directory */
/**
 * @typedef {object} ElementContext
 * @property {string} blockId
 * @property {boolean} inInput  whether the element sits in an input block (no action unless dispatch_action)
 * @property {Directory} directory
 * @property {(action: Json) => void} onAction
 */

/** Reads an element's state; kept off the DOM node so nothing else can change it. */
const readers = new WeakMap();

/** @param {Element} root @returns {Record<string, Record<string, Json>>} */
export function collectValues(root) {
  /** @type {Record<string, Record<string, Json>>} */
  const values = {};
  for (const el of root.querySelectorAll('[data-action-id]')) {
    const read = readers.get(el);
    if (!read) continue;
    const blockId = el.getAttribute('data-block-id') ?? '';
    const actionId = el.getAttribute('data-action-id') ?? '';
    values[blockId] = { ...(values[blockId] ?? {}), [actionId]: read() };
  }
  return values;
}

/** @param {unknown} o */
const asOption = (o) => /** @type {Json} */ (o);
/** @param {Json} element */
const optionsOf = (element) => [
  .../** @type {Json[]} */ (element.options ?? []),
  .../** @type {Json[]} */ (element.option_groups ?? []).flatMap(
    (g) => /** @type {Json[]} */ (g.options ?? []),
  ),
];
/** Slack's option object in payloads: text and value (and description when there is one). @param {Json} o */
const payloadOption = (o) => ({
  text: o.text,
  value: o.value,
  ...(o.description ? { description: o.description } : {}),
});

/**
 * @param {Json} element
 * @param {ElementContext} ctx
 * @returns {HTMLElement}
 */
export function renderElement(element, ctx) {
  const type = String(element.type);
  const actionId = String(element.action_id ?? '');
  const base = { 'data-action-id': actionId, 'data-block-id': ctx.blockId, 'data-type': type };
  const dispatch = !ctx.inInput || element.dispatch_action === true;
  /** @param {HTMLElement} el @param {() => Json} read */
  const stateful = (el, read) => {
    readers.set(el, () => ({ type, ...read() }));
    if (dispatch)
      el.addEventListener('change', () =>
        ctx.onAction({ type, action_id: actionId, block_id: ctx.blockId, ...read() }),
      );
    return el;
  };

  switch (type) {
    case 'button': {
      const style = typeof element.style === 'string' ? element.style : 'default';
      return h(
        'button',
        {
          type: 'button',
          class: `bk-button ${style}`,
          ...base,
          onclick: () =>
            ctx.onAction({
              type,
              action_id: actionId,
              block_id: ctx.blockId,
              text: element.text,
              ...(element.value === undefined ? {} : { value: element.value }),
              ...(element.style === undefined ? {} : { style: element.style }),
            }),
        },
        plainWords(element.text),
      );
    }
    case 'overflow': {
      const menu = h('div', { class: 'overflow-menu', hidden: true });
      const wrapper = h(
        'div',
        { class: 'overflow' },
        h(
          'button',
          {
            type: 'button',
            class: 'bk-button overflow-toggle',
            'aria-label': 'More actions',
            ...base,
            onclick: () => {
              menu.hidden = !menu.hidden;
            },
          },
          '⋯',
        ),
        menu,
      );
      for (const option of optionsOf(element)) {
        menu.append(
          h(
            'button',
            {
              type: 'button',
              role: 'menuitem',
              onclick: () => {
                menu.hidden = true;
                ctx.onAction({
                  type,
                  action_id: actionId,
                  block_id: ctx.blockId,
                  selected_option: payloadOption(option),
                });
              },
            },
            plainWords(option.text),
          ),
        );
      }
      return wrapper;
    }
    case 'static_select':
    case 'conversations_select':
    case 'channels_select':
    case 'users_select': {
      const choices =
        type === 'static_select'
          ? optionsOf(element).map((o) => ({ value: String(o.value), label: plainWords(o.text), option: o }))
          : type === 'users_select'
            ? ctx.directory.people.map((p) => ({ value: p.id, label: p.realName, option: undefined }))
            : ctx.directory.channels.map((c) => ({ value: c.id, label: `#${c.name}`, option: undefined }));
      const initial =
        type === 'static_select'
          ? String(asOption(element.initial_option)?.value ?? '')
          : String(element.initial_conversation ?? element.initial_channel ?? element.initial_user ?? '');
      const select = h(
        'select',
        { ...base, 'aria-label': plainWords(element.placeholder) || 'Choose' },
        h('option', { value: '' }, plainWords(element.placeholder) || 'Select an item'),
        ...choices.map((c) => h('option', { value: c.value, selected: c.value === initial }, c.label)),
      );
      const value = () => /** @type {HTMLSelectElement} */ (select).value;
      return stateful(select, () => {
        const chosen = choices.find((c) => c.value === value());
        if (type === 'static_select')
          return { selected_option: chosen?.option ? payloadOption(chosen.option) : null };
        const key =
          type === 'users_select'
            ? 'selected_user'
            : type === 'channels_select'
              ? 'selected_channel'
              : 'selected_conversation';
        return { [key]: chosen ? chosen.value : null };
      });
    }
    case 'multi_users_select': {
      const initial = new Set(/** @type {string[]} */ (element.initial_users ?? []).map(String));
      const select = /** @type {HTMLSelectElement} */ (
        h(
          'select',
          { ...base, multiple: true, 'aria-label': plainWords(element.placeholder) || 'Choose people' },
          ...ctx.directory.people.map((p) =>
            h('option', { value: p.id, selected: initial.has(p.id) }, p.realName),
          ),
        )
      );
      return stateful(select, () => ({ selected_users: [...select.selectedOptions].map((o) => o.value) }));
    }
    case 'multi_static_select': {
      const initial = new Set(
        /** @type {Json[]} */ (element.initial_options ?? []).map((o) => String(o.value)),
      );
      const options = optionsOf(element);
      const select = /** @type {HTMLSelectElement} */ (
        h(
          'select',
          { ...base, multiple: true },
          ...options.map((o) =>
            h(
              'option',
              { value: String(o.value), selected: initial.has(String(o.value)) },
              plainWords(o.text),
            ),
          ),
        )
      );
      return stateful(select, () => ({
        selected_options: options
          .filter((o) => [...select.selectedOptions].some((s) => s.value === String(o.value)))
          .map(payloadOption),
      }));
    }
    case 'checkboxes':
    case 'radio_buttons': {
      const kind = type === 'checkboxes' ? 'checkbox' : 'radio';
      const initial =
        type === 'checkboxes'
          ? new Set(/** @type {Json[]} */ (element.initial_options ?? []).map((o) => String(o.value)))
          : new Set([String(asOption(element.initial_option)?.value ?? '')]);
      const options = optionsOf(element);
      const group = h('div', { class: `bk-${kind}es`, ...base, role: 'group' });
      const name = `${ctx.blockId}.${actionId}`;
      for (const o of options) {
        group.append(
          h(
            'label',
            { class: 'bk-choice' },
            h('input', { type: kind, name, value: String(o.value), checked: initial.has(String(o.value)) }),
            h('span', {}, textObject(o.text), o.description ? textObject(o.description, 'small') : null),
          ),
        );
      }
      const ticked = () =>
        options.filter((o) =>
          [...group.querySelectorAll('input')].some((i) => i.checked && i.value === String(o.value)),
        );
      return stateful(group, () =>
        type === 'checkboxes'
          ? { selected_options: ticked().map(payloadOption) }
          : { selected_option: ticked()[0] ? payloadOption(/** @type {Json} */ (ticked()[0])) : null },
      );
    }
    case 'datepicker':
    case 'timepicker': {
      const date = type === 'datepicker';
      const input = /** @type {HTMLInputElement} */ (
        h('input', {
          ...base,
          type: date ? 'date' : 'time',
          value: String((date ? element.initial_date : element.initial_time) ?? ''),
        })
      );
      return stateful(input, () => ({ [date ? 'selected_date' : 'selected_time']: input.value || null }));
    }
    case 'plain_text_input':
    case 'url_text_input':
    case 'email_text_input':
    case 'number_input': {
      const multiline = element.multiline === true;
      const inputType =
        /** @type {Record<string, string>} */ ({
          url_text_input: 'url',
          email_text_input: 'email',
          number_input: 'number',
        })[type] ?? 'text';
      const attrs = {
        ...base,
        placeholder: plainWords(element.placeholder) || undefined,
        maxlength: element.max_length === undefined ? undefined : String(element.max_length),
        'aria-label': plainWords(element.placeholder) || actionId,
      };
      const input = /** @type {HTMLInputElement | HTMLTextAreaElement} */ (
        multiline
          ? h('textarea', { ...attrs, rows: '4' })
          : h('input', {
              ...attrs,
              type: inputType,
              ...(type === 'number_input'
                ? {
                    step: element.is_decimal_allowed ? 'any' : '1',
                    min: /** @type {string | undefined} */ (element.min_value),
                    max: /** @type {string | undefined} */ (element.max_value),
                  }
                : {}),
            })
      );
      input.value = typeof element.initial_value === 'string' ? element.initial_value : '';
      // Text inputs report on blur in Slack only with dispatch_action; here they never dispatch.
      readers.set(input, () => ({ type, value: input.value === '' ? null : input.value }));
      return input;
    }
    case 'image':
      return h('img', {
        class: 'bk-image-element',
        src: String(element.image_url ?? ''),
        alt: String(element.alt_text ?? ''),
      });
    default:
      return h('span', { class: 'unsupported' }, `[${type} is not shown in the sandbox]`);
  }
}
