// @ts-check
/**
 * Small DOM helpers for the sandbox page. Text always goes in as text nodes; the only HTML set
 * directly is slack-to-html's output, which escapes message text by default.
 */
import { escapeForSlack, escapeForSlackWithMarkdown } from '/sandbox/vendor/slack-to-html/index.mjs';

/** @typedef {Record<string, unknown>} Json */

/**
 * @param {string} tag
 * @param {Record<string, string | boolean | undefined | ((event: Event) => void)>} [attrs]
 * @param {Array<Node | string | null | undefined | false>} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

/** Names for <@U…> and <#C…> in mrkdwn, set from each snapshot. */
const names = {
  users: /** @type {Record<string, string>} */ ({}),
  channels: /** @type {Record<string, string>} */ ({}),
};

/** @param {Record<string, string>} users @param {Record<string, string>} channels */
export function setMentionNames(users, channels) {
  names.users = users;
  names.channels = channels;
}

/** A text object (mrkdwn or plain_text) as an element. @param {unknown} text @param {string} [tag] */
export function textObject(text, tag = 'span') {
  const t = /** @type {Json} */ (text ?? {});
  const value = typeof t.text === 'string' ? t.text : '';
  if (t.type === 'mrkdwn') return mrkdwn(value, tag);
  const el = h(tag, { class: 'plain' });
  // plain_text with emoji: true shows :shortcodes: as emoji; the library escapes everything else.
  if (t.emoji === false) el.textContent = value;
  else el.innerHTML = escapeForSlack(value.replace(/</g, '&lt;').replace(/>/g, '&gt;'), names);
  return el;
}

/** mrkdwn rendered by slack-to-html (escaped by default), keeping line breaks. @param {string} value @param {string} [tag] */
export function mrkdwn(value, tag = 'div') {
  const el = h(tag, { class: 'mrkdwn' });
  el.innerHTML = escapeForSlackWithMarkdown(value, names);
  return el;
}

/** The plain words of a text object (for option labels, titles). @param {unknown} text */
export function plainWords(text) {
  const t = /** @type {Json} */ (text ?? {});
  return typeof t.text === 'string' ? t.text : '';
}
