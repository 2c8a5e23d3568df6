// @ts-check
/**
 * The sandbox page: a Slack-like client for the demo workspace. It shows what the Slack stand-in
 * holds for the chosen person and turns clicks and typing into the requests Slack would send
 * careerplan. Every change on the server arrives as a server-sent event and the page refreshes.
 */
import { fetchSnapshot, followChanges, operate } from './api.js';
import { renderBlocks } from './blocks.js';
import { h, setMentionNames } from './dom.js';
import { collectValues } from './elements.js';
import { renderConversation } from './messages.js';
import { renderModal } from './modal.js';

/** @typedef {import('./types.js').Snapshot} Snapshot */

const params = new URLSearchParams(location.search);
const page = {
  me: params.get('as') ?? localStorage.getItem('sandbox.as') ?? 'U0MAYA',
  /** 'home', or a channel id (the DM with the app is the app's Messages tab). */
  pane: location.hash.slice(1) || 'C0ENGINEERING',
  /** @type {Snapshot | null} */ snapshot: null,
  openThreads: /** @type {Set<string>} */ (new Set()),
  loading: false,
  again: false,
};

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** Shows a problem for a few seconds (a refused operation, a lost connection). @param {unknown} error */
function toast(error) {
  const box = $('toast');
  box.textContent = error instanceof Error ? error.message : String(error);
  box.hidden = false;
  setTimeout(() => {
    box.hidden = true;
  }, 6000);
}

/** @param {string} name @param {Record<string, unknown>} body */
function act(name, body) {
  return operate(name, { as: page.me, ...body }).catch(toast);
}

/** Fetches the snapshot again; overlapping change signals collapse into one more fetch. */
async function refresh() {
  if (page.loading) {
    page.again = true;
    return;
  }
  page.loading = true;
  try {
    page.snapshot = await fetchSnapshot(page.me);
    render();
  } catch (error) {
    toast(error);
  } finally {
    page.loading = false;
    if (page.again) {
      page.again = false;
      void refresh();
    }
  }
}

function render() {
  const s = page.snapshot;
  if (!s) return;
  setMentionNames(
    Object.fromEntries(s.people.map((p) => [p.id, p.realName])),
    Object.fromEntries(s.channels.map((c) => [c.id, c.name])),
  );
  renderSidebar(s);
  renderPane(s);
  renderModal($('modal-root'), s, {
    submit: (viewId, values) => act('submit', { viewId, values }),
    close: (viewId, values) => act('close', { viewId, values }),
    action: (viewId, action, values) => act('action', { place: { kind: 'view', viewId }, action, values }),
  });
}

/** @param {Snapshot} s */
function renderSidebar(s) {
  $('workspace-name').textContent = s.team.name;
  const switcher = /** @type {HTMLSelectElement} */ ($('as'));
  if (switcher.options.length === 0) {
    for (const p of s.people.filter((x) => !x.isBot)) {
      const city = (p.tz.split('/').pop() ?? p.tz).replace(/_/g, ' ');
      switcher.append(h('option', { value: p.id }, `${p.realName}${p.isAdmin ? ' (admin)' : ''} · ${city}`));
    }
  }
  switcher.value = s.me;
  /** @param {string} target @param {string} label @param {string} id */
  const link = (target, label, id) =>
    h('a', { href: `#${target}`, id, class: page.pane === target ? 'active' : undefined }, label);
  $('nav').replaceChildren(
    h('div', { class: 'section-title' }, 'Channels'),
    ...s.channels.map((c) => link(c.id, `# ${c.name}`, `nav-${c.name}`)),
    h('div', { class: 'section-title' }, 'Apps'),
    link('home', 'careerplan · Home', 'nav-home'),
    link(s.dm, 'careerplan · Messages', 'nav-dm'),
  );
  const demo = /** @type {HTMLButtonElement} */ ($('demo'));
  demo.disabled = s.demo.running;
  $('demo-status').textContent = s.demo.message ?? '';
}

/** @param {Snapshot} s */
function renderPane(s) {
  const pane = $('pane');
  const atBottom = pane.scrollHeight - pane.scrollTop - pane.clientHeight < 40;
  const composer = $('composer');
  if (page.pane === 'home') {
    $('pane-title').replaceChildren(
      h('span', {}, 'careerplan'),
      h('span', { class: 'tab active' }, 'Home'),
      h('a', { class: 'tab', href: `#${s.dm}` }, 'Messages'),
    );
    composer.hidden = true;
    const home = s.home;
    if (!home) return pane.replaceChildren(h('div', { class: 'empty' }, 'Opening Home…'));
    const homeRoot = h('div', { class: 'home-tab', 'data-view-id': home.id });
    homeRoot.append(
      renderBlocks(home.view.blocks, {
        surface: 'home',
        errors: {},
        directory: { channels: s.channels, people: s.people.filter((p) => !p.isBot) },
        onAction: (action) =>
          act('action', {
            place: { kind: 'view', viewId: home.id },
            action,
            values: collectValues(homeRoot),
          }),
      }),
    );
    return pane.replaceChildren(homeRoot);
  }
  const channel = s.channels.find((c) => c.id === page.pane);
  const title = channel ? `# ${channel.name}` : 'careerplan';
  $('pane-title').replaceChildren(
    h('span', {}, title),
    ...(channel
      ? []
      : [h('a', { class: 'tab', href: '#home' }, 'Home'), h('span', { class: 'tab active' }, 'Messages')]),
  );
  composer.hidden = false;
  /** @type {HTMLTextAreaElement} */ ($('composer-text')).placeholder =
    `Message ${title} — try /careerplan help`;
  pane.replaceChildren(
    renderConversation(s.conversations[page.pane] ?? [], {
      snapshot: s,
      channelId: page.pane,
      openThreads: page.openThreads,
      rerender: render,
      onAction: (message, action) =>
        act('action', {
          place: { kind: 'message', channelId: page.pane, ts: message.ts },
          action,
          values: {},
        }),
    }),
  );
  if (atBottom) pane.scrollTop = pane.scrollHeight;
}

function openPane() {
  page.pane = location.hash.slice(1) || 'C0ENGINEERING';
  // Opening the Home tab is what makes Slack send app_home_opened, so the app publishes it.
  if (page.pane === 'home') void act('home', {});
  render();
  const pane = $('pane');
  pane.scrollTop = pane.scrollHeight;
}

function wire() {
  window.addEventListener('hashchange', openPane);
  $('as').addEventListener('change', (event) => {
    page.me = /** @type {HTMLSelectElement} */ (event.target).value;
    localStorage.setItem('sandbox.as', page.me);
    const url = new URL(location.href);
    url.searchParams.set('as', page.me);
    history.replaceState(null, '', url);
    page.openThreads.clear();
    void refresh().then(() => {
      if (page.pane === 'home') void act('home', {});
    });
  });
  $('demo').addEventListener('click', () => void act('demo', {}));
  const text = /** @type {HTMLTextAreaElement} */ ($('composer-text'));
  const send = () => {
    const value = text.value.trim();
    if (value === '') return;
    text.value = '';
    void act(value.startsWith('/') ? 'command' : 'say', { channel: page.pane, text: value });
  };
  $('composer').addEventListener('submit', (event) => {
    event.preventDefault();
    send();
  });
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      send();
    }
  });
}

wire();
followChanges(() => void refresh());
void refresh().then(() => {
  if (page.pane === 'home') void act('home', {});
});
