// The demo chat: everything a user does goes through the Huddle client over the wire protocol; rooms are listed
// and created through the REST API. Every text a user typed is rendered with textContent, never as HTML.
import { HuddleClient } from './js/huddle-client.js';
import { $, ROLE_RANK, attempt, button, el, moderates, notice, textOf } from './demo/dom.js';
import { Pins } from './demo/pins.js';
import { Reactions } from './demo/reactions.js';
import { RoomModeControls } from './demo/mode.js';
import { Unread } from './demo/unread.js';

const state = {
  client: null, user: null, room: null, role: null, typing: null, members: new Map(), typers: new Set(), dms: new Map(),
};
const reactions = new Reactions(state);
const pins = new Pins(state);
const unread = new Unread(state);
const mode = new RoomModeControls(state);
const isDirect = (room) => room.startsWith('dm-');

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

// Rooms and direct conversations ------------------------------------------------------------------------------

function listItem(room, label) {
  const item = el('li', room === state.room ? 'current' : '');
  item.dataset.room = room;
  item.append(el('span', 'room-name', label));
  return item;
}

async function refreshRooms() {
  // The user's own rooms first, then the others (the first hundred by id); direct conversations are listed apart.
  const mine = (await api('GET', `users/${encodeURIComponent(state.user)}/rooms`)).rooms.filter((r) => !isDirect(r.id));
  const mineIds = new Set(mine.map((room) => room.id));
  const others = (await api('GET', 'rooms?limit=100')).rooms.filter((room) => !mineIds.has(room.id) && !room.private);
  const list = $('room-list');
  list.replaceChildren();
  for (const room of [...mine, ...others]) {
    const item = listItem(room.id, room.name + (room.private ? ' 🔒' : ''));
    item.append(button('open-room', mineIds.has(room.id) ? 'open' : 'join',
      () => attempt(openRoom(room.id, room.name))));
    list.append(item);
  }
  unread.render();
}

async function refreshDms() {
  const { conversations } = await state.client.dms();
  state.dms = new Map(conversations.map((c) => [c.room, c.user]));
  const list = $('dm-list');
  list.replaceChildren();
  for (const { room, user } of conversations) {
    const item = listItem(room, `@${user}`);
    item.dataset.user = user;
    item.append(button('open-room', 'open', () => attempt(openRoom(room, `@${user}`))));
    list.append(item);
  }
  $('no-dms').hidden = conversations.length > 0;
  unread.render();
}

async function startDirect(user) {
  const ack = await state.client.dm(user);
  await refreshDms();
  await openRoom(ack.room, `@${user}`);
}

async function openRoom(id, name, invite) {
  const ack = await state.client.join(id, invite ? { invite } : {});
  const room = await api('GET', `rooms/${encodeURIComponent(id)}`);
  state.room = id;
  state.role = ack.role;
  state.typers.clear();
  reactions.clear();
  $('room-title').textContent = name || (state.dms.has(id) ? `@${state.dms.get(id)}` : room.name);
  $('room-id').textContent = `room id: ${id}`;
  $('messages').replaceChildren();
  $('composer').disabled = false;
  $('send').disabled = false;
  state.typing = state.client.typingNotifier(id);
  mode.show(room);
  const page = await state.client.history(id, { limit: 50 });
  page.messages.forEach(renderMessage);
  $('load-older').hidden = !page.more;
  unread.markRead(id, ack.seq);
  renderTyping();
  await pins.load(id);
  await refreshMembers();
  await refreshRooms();
  await refreshDms();
  notice('');
}

async function loadOlder() {
  const first = $('messages').querySelector('.message');
  if (!first) return;
  const page = await state.client.history(state.room, { before: Number(first.dataset.seq), limit: 50 });
  const anchor = $('messages').firstChild;
  for (const message of page.messages) {
    reactions.remember(message);
    $('messages').insertBefore(buildMessage(message), anchor);
  }
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
  if (message.deleted) return item;
  if (message.user === state.user) {
    meta.append(button('edit', 'edit', () => editMessage(message.id, item)));
  }
  if (message.user === state.user || moderates(state.role)) {
    meta.append(button('delete', 'delete', () => attempt(state.client.delete(state.room, message.id))));
  }
  if (moderates(state.role)) {
    meta.append(button('pin-message', 'pin', () => pins.pin(message.id)));
  }
  item.append(reactions.build(message.id));
  return item;
}

function renderMessage(message) {
  if (message.room !== state.room && message.room !== undefined) return;
  reactions.remember(message);
  const list = $('messages');
  const existing = list.querySelector(`[data-id="${CSS.escape(message.id)}"]`);
  if (existing) existing.replaceWith(buildMessage(message)); else list.append(buildMessage(message));
  list.scrollTop = list.scrollHeight;
}

function editMessage(id, item) {
  const current = item.querySelector('.message-text').textContent;
  const text = prompt('Edit message', current);
  if (text !== null && text.trim() !== '') attempt(state.client.edit(state.room, id, { text }));
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
  const direct = isDirect(state.room);
  for (const member of state.members.values()) {
    const item = el('li');
    item.dataset.user = member.user;
    item.append(el('span', `dot ${member.status}`), el('span', 'member-name', member.user),
      el('span', 'role', member.role), el('span', 'member-status', member.status));
    if (member.user !== state.user && !direct) {
      item.append(button('message-user', 'message', () => attempt(startDirect(member.user))));
    }
    if (member.user !== state.user && moderates(state.role) && ROLE_RANK[state.role] < ROLE_RANK[member.role]) {
      for (const action of ['kick', 'mute', 'ban']) {
        item.append(button(action, action, () => moderate(action, member.user)));
      }
    }
    list.append(item);
  }
  $('invite-button').hidden = direct || !moderates(state.role);
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

function leftRoom(frame) {
  notice(`You were ${frame.action}${frame.reason ? ': ' + frame.reason : ''}`);
  state.room = null;
  $('composer').disabled = true;
  $('send').disabled = true;
  mode.hide();
  refreshRooms().catch(() => {});
}

function listen(client) {
  client.on('message', (message) => {
    if (message.room === undefined) return;
    if (message.room !== state.room) {
      if (isDirect(message.room) && !state.dms.has(message.room)) refreshDms().catch(() => {});
      unread.refreshSoon();
      return;
    }
    state.typers.delete(message.user);
    renderTyping();
    renderMessage(message);
    unread.markRead(message.room, message.seq);
  });
  client.on('read', () => unread.refreshSoon());
  client.on('reaction', (frame) => { if (frame.room === state.room) reactions.apply(frame); });
  client.on('pin', (frame) => { if (frame.room === state.room) pins.apply(frame); });
  client.on('room', (frame) => { if (frame.room === state.room && frame.action === 'updated') mode.show(frame); });
  client.on('edited', (frame) => {
    const item = $('messages').querySelector(`[data-id="${CSS.escape(frame.id)}"]`);
    if (item) item.querySelector('.message-text').textContent = textOf(frame.data);
  });
  client.on('deleted', (frame) => {
    const item = $('messages').querySelector(`[data-id="${CSS.escape(frame.id)}"]`);
    if (item) {
      item.classList.add('deleted');
      item.querySelector('.message-text').textContent = 'message deleted';
      item.querySelector('.reactions')?.remove();
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
    if (frame.user === state.user && frame.action === 'joined') {
      // Someone opened a direct conversation with this user, or added them to a room.
      (isDirect(frame.room) ? refreshDms() : refreshRooms()).then(() => unread.refresh()).catch(() => {});
    }
    if (frame.room !== state.room) return;
    if (frame.user === state.user && ['kicked', 'banned'].includes(frame.action)) {
      leftRoom(frame);
      return;
    }
    refreshMembers().catch(() => {});
  });
  client.on('rejoined', (ack) => { if (ack.room === state.room) refreshMembers().catch(() => {}); });
  client.on('error', (error) => notice(error.message));
}

async function connect(user) {
  state.user = user;
  const transport = new URLSearchParams(location.search).get('transport') || 'auto';
  const client = new HuddleClient({ user, transport });
  state.client = client;
  client.on('open', () => {
    $('status').textContent = `connected as ${user} (${client.transport})`;
    if (!$('app').hidden) unread.refreshSoon(); // after a reconnect: what arrived meanwhile
  });
  client.on('close', ({ code, willReconnect }) => {
    $('status').textContent = willReconnect ? `reconnecting… (${code})` : `disconnected (${code})`;
  });
  listen(client);
  await client.connect();
  $('app').hidden = false;
  await refreshDms();
  await refreshRooms();
  await unread.refresh();
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
  attempt(openRoom($('invite-room').value.trim(), undefined, $('invite-code').value.trim() || undefined));
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
$('refresh-rooms').addEventListener('click', () => attempt(refreshRooms()));
$('load-older').addEventListener('click', () => attempt(loadOlder()));
$('my-status').addEventListener('change', () => attempt(state.client.setPresence($('my-status').value)));
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
