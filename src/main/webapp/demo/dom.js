// Small DOM helpers for the demo page. Text a user typed is always set with textContent, never as HTML.
export const $ = (id) => document.getElementById(id);

export const ROLE_RANK = { owner: 0, admin: 1, moderator: 2, member: 3 };

/** Whether `role` is moderator or above. */
export const moderates = (role) => role !== null && role !== undefined && ROLE_RANK[role] <= ROLE_RANK.moderator;

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function button(className, text, onClick) {
  const node = el('button', className, text);
  node.type = 'button';
  node.addEventListener('click', onClick);
  return node;
}

export function notice(text) { $('notice').textContent = text || ''; }

/** Runs an action, showing its failure (a refused command, say) as the page's notice. */
export function attempt(promise) {
  return Promise.resolve(promise).catch((e) => notice(e.message));
}

/** The text of a message's data: its `text` field, a plain string, or the JSON. */
export function textOf(data) {
  if (data === null || data === undefined) return '';
  if (typeof data === 'string') return data;
  if (typeof data.text === 'string') return data.text;
  return JSON.stringify(data);
}
