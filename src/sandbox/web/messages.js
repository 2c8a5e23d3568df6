// @ts-check
/** A conversation: messages with their author and time, blocks or text, files and threads. */
import { renderBlocks } from './blocks.js';
import { h, mrkdwn } from './dom.js';

/** @typedef {import('./types.js').MessageView} MessageView */
/** @typedef {import('./types.js').Snapshot} Snapshot */
/**
 * @typedef {object} MessagesContext
 * @property {Snapshot} snapshot
 * @property {string} channelId
 * @property {Set<string>} openThreads  thread ts the person expanded (kept across refreshes)
 * @property {(message: MessageView, action: Record<string, unknown>) => void} onAction
 * @property {() => void} rerender
 */

/** One of eight avatar colours (classes c0-c7 in style.css), the same for a person every time. @param {string} id */
function colorOf(id) {
  let sum = 0;
  for (const c of id) sum = (sum * 31 + c.charCodeAt(0)) >>> 0;
  return `c${sum % 8}`;
}

/** @param {string} ts */
function timeOf(ts) {
  return new Date(Number(ts.split('.')[0]) * 1000).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** @param {MessageView[]} messages @param {MessagesContext} ctx */
export function renderConversation(messages, ctx) {
  if (messages.length === 0)
    return h('div', { class: 'empty' }, 'No messages yet. Type /careerplan help below.');
  return h('div', { class: 'messages' }, ...messages.map((m) => renderMessage(m, ctx)));
}

/** @param {MessageView} m @param {MessagesContext} ctx @returns {HTMLElement} */
function renderMessage(m, ctx) {
  const person = ctx.snapshot.people.find((p) => p.id === m.user);
  const isBot = m.user === ctx.snapshot.bot.id;
  const name = isBot ? ctx.snapshot.bot.name : (person?.realName ?? m.user);
  const initials = name
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
  const avatar = h('div', { class: `avatar ${isBot ? 'bot' : colorOf(m.user)}` }, isBot ? 'cp' : initials);
  const content = m.blocks
    ? renderBlocks(m.blocks, {
        surface: 'message',
        errors: {},
        directory: { channels: ctx.snapshot.channels, people: ctx.snapshot.people.filter((p) => !p.isBot) },
        onAction: (action) => ctx.onAction(m, action),
      })
    : mrkdwn(m.text);
  const replies = m.replies ?? [];
  const open = ctx.openThreads.has(m.ts);
  return h(
    'div',
    { class: `msg${m.ephemeral ? ' ephemeral' : ''}`, 'data-ts': m.ts },
    avatar,
    h(
      'div',
      { class: 'msg-body' },
      h(
        'div',
        { class: 'meta' },
        h('span', { class: 'author' }, name),
        isBot ? h('span', { class: 'badge' }, 'APP') : null,
        h('time', {}, timeOf(m.ts)),
      ),
      m.ephemeral ? h('div', { class: 'only-you' }, 'Only visible to you') : null,
      content,
      ...(m.files ?? []).map(renderFile),
      replies.length > 0
        ? h(
            'button',
            {
              type: 'button',
              class: 'replies-toggle',
              onclick: () => {
                if (open) ctx.openThreads.delete(m.ts);
                else ctx.openThreads.add(m.ts);
                ctx.rerender();
              },
            },
            `${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}`,
          )
        : null,
      open ? h('div', { class: 'thread' }, ...replies.map((r) => renderMessage(r, ctx))) : null,
    ),
  );
}

/** @param {import('./types.js').FileView} file */
function renderFile(file) {
  if (file.isImage) {
    return h(
      'figure',
      { class: 'file image' },
      h('img', { src: file.url, alt: file.title }),
      h('figcaption', {}, file.title),
    );
  }
  return h(
    'div',
    { class: 'file' },
    h('a', { href: file.url, target: '_blank', rel: 'noopener' }, `📄 ${file.title}`),
    file.preview ? h('pre', { class: 'file-preview' }, file.preview) : null,
  );
}
