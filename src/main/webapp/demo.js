// The demo chat: everything a user does goes through the Huddle client over the wire protocol; rooms are listed
// and created through the REST API. Every text a user typed is rendered with textContent, never as HTML.
import { HuddleClient } from './js/huddle-client.js';

const $ = (id) => document.getElementById(id);
const ROLE_RANK = { owner: 0, admin: 1, moderator: 2, member: 3 };
const state = { client: null, user: null, room: null, role: null, typing: null, members: new Map(), typers: new Set() };

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function notice(text) { $('notice').textContent = text || ''; }

async function api(method, path, body) {
  const url = new URL(`api/v1/${path}`, location.href);
  url.searchParams.set('user', state.user);
  const response = await fetch(url, {
    method, headers: body ? { 'Content-Type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined,
  });
  const json = response.status === 204 ? null : await response.json();
  if (!response.ok) throw new Error(json ? json.message : response.statusText);
  return json;
}

function textOf(data) {
  if (data === null || data === undefined) return '';
  if (typeof data === 'string') return data;
  if (typeof data.text === 'string') return data.text;
  return JSON.stringify(data);
}

// Rooms ---------------------------------------------------------------------------------------------------------

async function refreshRooms() {
  // The user's own rooms first, then the others (the first hundred by id).
  const mine = (await api('GET', `users/${encodeURIComponent(state.user)}/rooms`)).rooms;
  const mineIds = new Set(mine.map((room) => room.id));
  const others = (await api('GET', 'rooms?limit=100')).rooms.filter((room) => !mineIds.has(room.id) && !room.private);
  const rooms = [...mine, ...others];
  const list = $('room-list');
  list.replaceChildren();
  for (const room of rooms) {
    const item = el('li', room.id === state.room ? 'current' : '');
    item.dataset.room = room.id;
    item.append(el('span', 'room-name', room.name + (room.private ? ' 🔒' : '')));
    const open = el('button', 'open-room', room.id === state.room ? 'open' : 'join');
    open.type = 'button';
    open.addEventListener('click', () => openRoom(room.id, room.name).catch((e) => notice(e.message)));
    item.append(open);
    list.append(item);
  }
}

async function openRoom(id, name, invite) {
  const ack = await state.client.join(id, invite ? { invite } : {});
  state.room = id;
  state.role = ack.role;
  state.typers.clear();
  $('room-title').textContent = name || (await api('GET', `rooms/${encodeURIComponent(id)}`)).name;
  $('room-id').textContent = `room id: ${id}`;
  $('messages').replaceChildren();
  $('composer').disabled = false;
  $('send').disabled = false;
  state.typing = state.client.typingNotifier(id);
  const page = await state.client.history(id, { limit: 50 });
  page.messages.forEach(renderMessage);
  $('load-older').hidden = !page.more;
  renderTyping();
  await refreshMembers();
  await refreshRooms();
  notice('');
}

async function loadOlder() {
  const first = $('messages').querySelector('.message');
  if (!first) return;
  const page = await state.client.history(state.room, { before: Number(first.dataset.seq), limit: 50 });
  const anchor = $('messages').firstChild;
  for (const message of page.messages) $('messages').insertBefore(buildMessage(message), anchor);
  $('load-older').hidden = !page.more;
}

// Messages ------------------------------------------------------------------------------------------------------

function buildMessage(message) {
  const item = el('li', 'message' + (message.deleted ? ' deleted' : ''));
  item.dataset.id = message.id;
  item.dataset.seq = message.seq;
  const meta = el('div', 'meta');
  meta.append(el('span', 'author', message.user), el('time', '', new Date(message.ts).toLocaleTimeString()));
  if (message.editedAt) meta.append(el('span', 'edited', ' (edited)'));
  item.append(meta, el('div', 'message-text', message.deleted ? 'message deleted' : textOf(message.data)));
  if (!message.deleted && (message.user === state.user || ROLE_RANK[state.role] <= ROLE_RANK.moderator)) {
    if (message.user === state.user) {
      const edit = el('button', 'edit', 'edit');
      edit.type = 'button';
      edit.addEventListener('click', () => editMessage(message.id, item));
      meta.append(edit);
    }
    const remove = el('button', 'delete', 'delete');
    remove.type = 'button';
    remove.addEventListener('click', () => state.client.delete(state.room, message.id).catch((e) => notice(e.message)));
    meta.append(remove);
  }
  return item;
}

function renderMessage(message) {
  if (message.room !== state.room && message.room !== undefined) return;
  const list = $('messages');
  const existing = list.querySelector(`[data-id="${CSS.escape(message.id)}"]`);
  if (existing) existing.replaceWith(buildMessage(message)); else list.append(buildMessage(message));
  list.scrollTop = list.scrollHeight;
}

function editMessage(id, item) {
  const current = item.querySelector('.message-text').textContent;
  const text = prompt('Edit message', current);
  if (text !== null && text.trim() !== '') {
    state.client.edit(state.room, id, { text }).catch((e) => notice(e.message));
  }
}

function renderTyping() {
  const others = [...state.typers].filter((user) => user !== state.user);
  $('typing').textContent = others.length === 0 ? ''
    : others.length === 1 ? `${others[0]} is typing…` : `${others.join(', ')} are typing…`;
}

// Members -------------------------------------------------------------------------------------------------------

async function refreshMembers() {
  const { members } = await state.client.who(state.room);
  state.members = new Map(members.map((m) => [m.user, m]));
  renderMembers();
}

function renderMembers() {
  const list = $('members');
  list.replaceChildren();
  for (const member of state.members.values()) {
    const item = el('li');
    item.dataset.user = member.user;
    item.append(el('span', `dot ${member.status}`), el('span', 'member-name', member.user),
      el('span', 'role', member.role), el('span', 'member-status', member.status));
    if (member.user !== state.user && ROLE_RANK[state.role] <= ROLE_RANK.moderator
        && ROLE_RANK[state.role] < ROLE_RANK[member.role]) {
      for (const action of ['kick', 'mute', 'ban']) {
        const button = el('button', action, action);
        button.type = 'button';
        button.addEventListener('click', () => moderate(action, member.user));
        item.append(button);
      }
    }
    list.append(item);
  }
  $('invite-button').hidden = !(ROLE_RANK[state.role] <= ROLE_RANK.moderator);
}

async function moderate(action, user) {
  const path = { kick: 'kicks', mute: 'mutes', ban: 'bans' }[action];
  try {
    await api('POST', `rooms/${encodeURIComponent(state.room)}/${path}`, { user });
    notice(`${user}: ${action} done`);
  } catch (e) {
    notice(e.message);
  }
}

// Connection ----------------------------------------------------------------------------------------------------

async function connect(user) {
  state.user = user;
  const transport = new URLSearchParams(location.search).get('transport') || 'auto';
  const client = new HuddleClient({ user, transport });
  state.client = client;
  client.on('open', () => { $('status').textContent = `connected as ${user} (${client.transport})`; });
  client.on('close', ({ code, willReconnect }) => {
    $('status').textContent = willReconnect ? `reconnecting… (${code})` : `disconnected (${code})`;
  });
  client.on('message', (message) => {
    if (message.room === state.room) {
      state.typers.delete(message.user);
      renderTyping();
      renderMessage(message);
    }
  });
  client.on('edited', (frame) => {
    const item = $('messages').querySelector(`[data-id="${CSS.escape(frame.id)}"]`);
    if (item) item.querySelector('.message-text').textContent = textOf(frame.data);
  });
  client.on('deleted', (frame) => {
    const item = $('messages').querySelector(`[data-id="${CSS.escape(frame.id)}"]`);
    if (item) {
      item.classList.add('deleted');
      item.querySelector('.message-text').textContent = 'message deleted';
    }
  });
  client.on('typing', (frame) => {
    if (frame.room !== state.room) return;
    if (frame.active) state.typers.add(frame.user); else state.typers.delete(frame.user);
    renderTyping();
  });
  client.on('presence', (frame) => {
    const member = state.members.get(frame.user);
    if (member) {
      member.status = frame.status;
      renderMembers();
    }
  });
  client.on('member', (frame) => {
    if (frame.room !== state.room) return;
    if (frame.user === state.user && ['kicked', 'banned'].includes(frame.action)) {
      notice(`You were ${frame.action}${frame.reason ? ': ' + frame.reason : ''}`);
      state.room = null;
      $('composer').disabled = true;
      $('send').disabled = true;
      refreshRooms().catch(() => {});
      return;
    }
    refreshMembers().catch(() => {});
  });
  client.on('rejoined', (ack) => { if (ack.room === state.room) refreshMembers().catch(() => {}); });
  client.on('error', (error) => notice(error.message));
  await client.connect();
  $('app').hidden = false;
  await refreshRooms();
  const last = sessionStorage.getItem(`huddle.room.${user}`);
  if (last) await openRoom(last).catch(() => sessionStorage.removeItem(`huddle.room.${user}`));
}

$('login').addEventListener('submit', (event) => {
  event.preventDefault();
  const user = $('user-name').value.trim();
  sessionStorage.setItem('huddle.user', user);
  $('connect').disabled = true;
  connect(user).catch((e) => {
    $('status').textContent = `could not connect: ${e.message}`;
    $('connect').disabled = false;
  });
});

$('new-room').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const room = await api('POST', 'rooms', { name: $('new-room-name').value, private: $('new-room-private').checked });
    $('new-room-name').value = '';
    await openRoom(room.id, room.name);
  } catch (e) {
    notice(e.message);
  }
});

$('join-invite').addEventListener('submit', (event) => {
  event.preventDefault();
  openRoom($('invite-room').value.trim(), undefined, $('invite-code').value.trim() || undefined).catch((e) => notice(e.message));
});

$('compose').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = $('composer').value;
  if (!text.trim() || !state.room) return;
  state.typing.stop();
  try {
    await state.client.publish(state.room, { text }, { key: crypto.randomUUID() });
    $('composer').value = '';
  } catch (e) {
    notice(e.message);
  }
});

$('composer').addEventListener('input', () => state.typing && state.typing.keystroke());
$('composer').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    $('compose').requestSubmit();
  }
});
$('refresh-rooms').addEventListener('click', () => refreshRooms().catch((e) => notice(e.message)));
$('load-older').addEventListener('click', () => loadOlder().catch((e) => notice(e.message)));
$('my-status').addEventListener('change', () => state.client.setPresence($('my-status').value).catch((e) => notice(e.message)));
$('invite-button').addEventListener('click', async () => {
  try {
    const invite = await api('POST', `rooms/${encodeURIComponent(state.room)}/invites`, { maxUses: 10, expiresInSeconds: 86400 });
    $('invite-output').textContent = `room ${state.room}, code ${invite.code}`;
  } catch (e) {
    notice(e.message);
  }
});

// Keep the room open across reloads, and log in again with the same name.
const observer = new MutationObserver(() => { if (state.room) sessionStorage.setItem(`huddle.room.${state.user}`, state.room); });
observer.observe($('room-title'), { childList: true, characterData: true, subtree: true });
const remembered = sessionStorage.getItem('huddle.user');
if (remembered) {
  $('user-name').value = remembered;
  $('login').requestSubmit();
}
