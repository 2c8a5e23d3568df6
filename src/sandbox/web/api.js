// @ts-check
/** The page's calls to the sandbox server, and its live-update stream. */

/** @typedef {Record<string, unknown>} Json */

/**
 * Sends one operation (command, say, action, submit, close, home, demo) as JSON.
 * @param {string} name @param {Json} body @returns {Promise<void>}
 */
export async function operate(name, body) {
  const res = await fetch(`/sandbox/do/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    const answer = /** @type {Json} */ (await res.json().catch(() => ({})));
    throw new Error(typeof answer.error === 'string' ? answer.error : `the sandbox answered ${res.status}`);
  }
}

/** @param {string} userId @returns {Promise<import('./types.js').Snapshot>} */
export async function fetchSnapshot(userId) {
  const res = await fetch(`/sandbox/state?as=${encodeURIComponent(userId)}`);
  if (!res.ok) throw new Error(`no state for ${userId}`);
  return res.json();
}

/**
 * Calls `onChange` on every change the server announces (server-sent events); reconnects by
 * itself, and refreshes once more after a reconnect in case something was missed.
 * @param {() => void} onChange
 */
export function followChanges(onChange) {
  const source = new EventSource('/sandbox/stream');
  source.addEventListener('change', () => onChange());
  source.addEventListener('open', () => onChange());
  return source;
}
