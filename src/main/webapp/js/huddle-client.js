// Huddle browser client: one dependency-free ES module speaking the Huddle wire protocol (docs/PROTOCOL.md).
// WebSocket first, Server-Sent Events + POST when WebSocket cannot connect; automatic reconnect with back-off and
// jitter; every joined room resumes from the last seq seen, without duplicates; commands return promises.

/**
 * @typedef {Object} ClientOptions
 * @property {string} [baseUrl]  where Huddle is served (default: this page's origin and path root)
 * @property {string} [user]     development identity (servers with streaming.auth.dev-users=true)
 * @property {string | (() => string | Promise<string>)} [token]  a MicroProfile JWT, or a function returning a fresh one
 * @property {'auto'|'websocket'|'sse'} [transport]  default 'auto': WebSocket, falling back to SSE
 * @property {number} [minBackoffMs]  first reconnect delay (default 500)
 * @property {number} [maxBackoffMs]  longest reconnect delay (default 15000)
 * @property {number} [commandTimeoutMs]  how long a command waits for its answer (default 10000)
 */

/**
 * @typedef {Object} MessageFrame
 * @property {'message'} type
 * @property {string} [room]
 * @property {string} [channel]
 * @property {string} id
 * @property {number} [seq]
 * @property {string} user
 * @property {*} data
 * @property {string} [event]
 * @property {string} [thread]
 * @property {string} ts
 */

/** An `error` answer to a command: `code` is the wire error code (`forbidden`, `rate_limited`, ...). */
export class HuddleError extends Error {
  /** @param {{code: string, message: string, retryAfterMs?: number}} frame */
  constructor(frame) {
    super(frame.message);
    this.name = 'HuddleError';
    /** @type {string} */ this.code = frame.code;
    /** @type {number|undefined} */ this.retryAfterMs = frame.retryAfterMs;
  }
}

/**
 * A connection to Huddle that survives disconnects. Events (subscribe with `on`): `open` (welcome frame),
 * `close` ({code, reason, willReconnect}), `message`, `edited`, `deleted`, `typing`, `presence`, `member`,
 * `room`, `system`, `error` (error frames not tied to a command), `frame` (every frame).
 */
export class HuddleClient {
  /** @param {ClientOptions} [options] */
  constructor(options = {}) {
    this.options = {
      baseUrl: options.baseUrl || new URL('/', location.href).href,
      user: options.user, token: options.token, transport: options.transport || 'auto',
      minBackoffMs: options.minBackoffMs ?? 500, maxBackoffMs: options.maxBackoffMs ?? 15000,
      commandTimeoutMs: options.commandTimeoutMs ?? 10000,
    };
    /** @type {Map<string, Set<Function>>} */ this._listeners = new Map();
    /** @type {Map<string, {resolve: Function, reject: Function, timer: any}>} */ this._pending = new Map();
    /** Rooms to keep joined, with their invite codes. @type {Map<string, {invite?: string}>} */ this._rooms = new Map();
    /** Latest seq delivered per room. @type {Map<string, number>} */ this.seqs = new Map();
    /** Messages of rooms being resumed, until the join's answer. @type {Map<string, object[]>} */ this._resuming = new Map();
    /** @type {Set<string>} */ this._channels = new Set();
    this._refs = 0;
    this._attempt = 0;
    this._closedByUser = false;
    this._wsFailedBeforeOpen = false;
    /** The `welcome` frame of the current connection, or null. */
    this.welcome = null;
    /** 'websocket' or 'sse' once connected. */
    this.transport = null;
  }

  /** Subscribes `listener` to `event`; returns a function that unsubscribes. */
  on(event, listener) {
    if (!this._listeners.has(event)) this._listeners.set(event, new Set());
    this._listeners.get(event).add(listener);
    return () => this._listeners.get(event).delete(listener);
  }

  /** Connects; resolves with the `welcome` frame. */
  connect() {
    this._closedByUser = false;
    return new Promise((resolve, reject) => {
      const offOpen = this.on('open', (welcome) => { offOpen(); offFail(); resolve(welcome); });
      const offFail = this.on('fatal', (error) => { offOpen(); offFail(); reject(error); });
      this._open();
    });
  }

  /** Closes for good (no reconnect). */
  close() {
    this._closedByUser = true;
    clearTimeout(this._retryTimer);
    if (this._ws) this._ws.close(1000, 'bye');
    if (this._es) this._es.close();
    this._failPending('closed');
  }

  /** Joins a room (kept joined across reconnects); resolves with the ack. */
  async join(room, options = {}) {
    this._rooms.set(room, { invite: options.invite });
    const command = { type: 'join', room };
    if (options.invite) command.invite = options.invite;
    if (this.seqs.has(room)) command.since = this.seqs.get(room);
    const ack = await this.request(command);
    if (!this.seqs.has(room) || this.seqs.get(room) < ack.seq) this.seqs.set(room, ack.seq);
    return ack;
  }

  /** Leaves a room for good. */
  async leave(room) {
    this._rooms.delete(room);
    return this.request({ type: 'leave', room });
  }

  /** Publishes to a room; resolves with {id, seq}. */
  publish(room, data, options = {}) {
    return this.request({ type: 'publish', room, data, ...options });
  }

  /** Publishes to a channel. */
  publishToChannel(channel, data, options = {}) {
    return this.request({ type: 'publish', channel, data, ...options });
  }

  edit(room, id, data) { return this.request({ type: 'edit', room, id, data }); }
  delete(room, id) { return this.request({ type: 'delete', room, id }); }

  /** A page of history, oldest first: resolves with {messages, more}. */
  history(room, query = {}) { return this.request({ type: 'history', room, ...query }); }

  /** The room's members with their presence. */
  who(room) { return this.request({ type: 'who', room }); }

  /** Sets your presence: status online|away|busy|invisible, optional text and device type. */
  setPresence(status, options = {}) { return this.request({ type: 'presence', status, ...options }); }

  async subscribe(channel) {
    this._channels.add(channel);
    return this.request({ type: 'subscribe', channel });
  }

  async unsubscribe(channel) {
    this._channels.delete(channel);
    return this.request({ type: 'unsubscribe', channel });
  }

  /** Adds your reaction (an emoji or short name) to a message; resolves with {count}. */
  react(room, id, reaction) { return this.request({ type: 'react', room, id, reaction }); }
  /** Removes your reaction from a message; resolves with {count}. */
  unreact(room, id, reaction) { return this.request({ type: 'unreact', room, id, reaction }); }

  /** Pins a message (moderators and above). */
  pin(room, id) { return this.request({ type: 'pin', room, id }); }
  unpin(room, id) { return this.request({ type: 'unpin', room, id }); }
  /** The room's pins, the latest first: resolves with {pins}. */
  pins(room) { return this.request({ type: 'pins', room }); }

  /** Opens (or finds) the direct conversation with `user`: resolves with {room, user, created}. */
  dm(user) { return this.request({ type: 'dm', user }); }
  /** Your direct conversations, the latest active first: resolves with {conversations}. */
  dms(limit = 50) { return this.request({ type: 'dms', limit }); }

  /** Moves your read marker in a room up to `seq`; your other connections get a `read` frame. */
  markRead(room, seq) { return this.request({ type: 'read', room, seq }); }
  /** Unread and mention counts for each of your rooms: resolves with {rooms}. */
  unread() { return this.request({ type: 'unread' }); }

  /** Sets a room's slow mode (`slowModeMs`, 0 = off) and/or lock (`locked`); moderators and above. */
  roomMode(room, mode) { return this.request({ type: 'room_mode', room, ...mode }); }

  /** Sends a typing indicator now (prefer `typingNotifier`, which throttles keystrokes). */
  typing(room, active) { return this.request({ type: 'typing', room, active }); }

  /**
   * A helper for a text box: call `keystroke()` on every input event and `stop()` when the text is sent or
   * cleared. Sends `active: true` at most every `intervalMs` (default 2000) and `active: false` after
   * `idleMs` (default 2500) without keystrokes.
   */
  typingNotifier(room, { intervalMs = 2000, idleMs = 2500 } = {}) {
    let lastSent = 0;
    let idleTimer = null;
    let active = false;
    const stop = () => {
      clearTimeout(idleTimer);
      if (active) {
        active = false;
        lastSent = 0;
        this.typing(room, false).catch(() => {});
      }
    };
    return {
      keystroke: () => {
        const now = Date.now();
        if (!active || now - lastSent >= intervalMs) {
          active = true;
          lastSent = now;
          this.typing(room, true).catch(() => {});
        }
        clearTimeout(idleTimer);
        idleTimer = setTimeout(stop, idleMs);
      },
      stop,
    };
  }

  /** Sends any command; resolves with its ack (or pong), rejects with a HuddleError. */
  request(command) {
    const ref = `c${++this._refs}`;
    const frame = { ...command, ref };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this._pending.delete(ref);
        reject(new HuddleError({ code: 'timeout', message: `no answer to ${command.type}` }));
      }, this.options.commandTimeoutMs);
      this._pending.set(ref, { resolve, reject, timer });
      this._send(frame).catch((error) => {
        clearTimeout(timer);
        this._pending.delete(ref);
        reject(error);
      });
    });
  }

  // Transport ------------------------------------------------------------------------------------------------

  async _identityQuery() {
    const params = new URLSearchParams();
    if (this.options.token) {
      const token = typeof this.options.token === 'function' ? await this.options.token() : this.options.token;
      params.set('access_token', token);
    } else if (this.options.user) {
      params.set('user', this.options.user);
    }
    return params;
  }

  async _open() {
    const useSse = this.options.transport === 'sse' || (this.options.transport === 'auto' && this._wsFailedBeforeOpen);
    const params = await this._identityQuery();
    if (useSse) this._openSse(params); else this._openWebSocket(params);
  }

  _openWebSocket(params) {
    const url = new URL('ws?' + params, this.options.baseUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url);
    let opened = false;
    this._ws = ws;
    ws.onopen = () => { opened = true; };
    ws.onmessage = (event) => this._receive(JSON.parse(event.data));
    ws.onclose = (event) => {
      if (this._ws !== ws) return;
      this._ws = null;
      if (!opened && this.options.transport === 'auto') this._wsFailedBeforeOpen = true;
      this._disconnected(event.code, event.reason);
    };
  }

  _openSse(params) {
    const rooms = [...this._rooms.keys()];
    if (rooms.length) params.set('rooms', rooms.join(','));
    if (this._channels.size) params.set('channels', [...this._channels].join(','));
    if (this._lastEventId) params.set('lastEventId', this._lastEventId);
    const es = new EventSource(new URL('sse?' + params, this.options.baseUrl));
    this._es = es;
    this._sseParams = params;
    const handle = (event) => {
      if (event.lastEventId) this._lastEventId = event.lastEventId;
      this._receive(JSON.parse(event.data));
    };
    for (const type of ['welcome', 'message', 'edited', 'deleted', 'typing', 'presence', 'member', 'room', 'system', 'error']) {
      es.addEventListener(type, handle);
    }
    es.onerror = () => {
      // EventSource would reconnect by itself, but rooms joined since it opened would be lost: reopen instead.
      if (this._es !== es) return;
      es.close();
      this._es = null;
      this._disconnected(1006, 'stream ended');
    };
  }

  async _send(frame) {
    if (this._ws && this._ws.readyState === WebSocket.OPEN) {
      this._ws.send(JSON.stringify(frame));
      return;
    }
    if (this._es && this.welcome) {
      const params = new URLSearchParams(await this._identityQuery());
      const response = await fetch(new URL(`sse/${this.welcome.connection}/commands?${params}`, this.options.baseUrl), {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(frame),
      });
      this._receive(await response.json());
      return;
    }
    throw new HuddleError({ code: 'disconnected', message: 'not connected' });
  }

  _receive(frame) {
    this._emit('frame', frame);
    switch (frame.type) {
      case 'welcome':
        this.welcome = frame;
        this.transport = this._ws ? 'websocket' : 'sse';
        this._attempt = 0;
        this._emit('open', frame);
        if (this.transport === 'websocket') this._rejoin();
        return;
      case 'ack':
      case 'pong':
      case 'error': {
        const pending = frame.ref && this._pending.get(frame.ref);
        if (pending) {
          clearTimeout(pending.timer);
          this._pending.delete(frame.ref);
          if (frame.type === 'error') pending.reject(new HuddleError(frame)); else pending.resolve(frame);
        } else if (frame.type === 'error') {
          this._emit('error', new HuddleError(frame));
        }
        return;
      }
      case 'message': {
        const resuming = frame.room && this._resuming.get(frame.room);
        if (resuming) resuming.push(frame); else this._deliverMessage(frame);
        return;
      }
      default:
        this._emit(frame.type, frame);
    }
  }

  _deliverMessage(frame) {
    if (frame.room && typeof frame.seq === 'number') {
      const last = this.seqs.get(frame.room) ?? 0;
      if (frame.seq <= last) return; // already delivered: a replay overlap
      this.seqs.set(frame.room, frame.seq);
    }
    this._emit('message', frame);
  }

  /**
   * After a WebSocket reconnect: join every room again from its last seq, and resubscribe channels. A room's
   * next live message may arrive before the replay of what was missed: until the join's answer, the room's
   * messages are collected and then delivered in seq order.
   */
  _rejoin() {
    for (const [room, { invite }] of this._rooms) {
      const command = { type: 'join', room };
      if (invite) command.invite = invite;
      if (this.seqs.has(room)) {
        command.since = this.seqs.get(room);
        this._resuming.set(room, []);
      }
      const resumed = () => {
        const collected = this._resuming.get(room) || [];
        this._resuming.delete(room);
        collected.sort((a, b) => a.seq - b.seq).forEach((frame) => this._deliverMessage(frame));
      };
      this.request(command)
        .then((ack) => { resumed(); this._emit('rejoined', ack); })
        .catch((error) => { resumed(); this._emit('error', error); });
    }
    for (const channel of this._channels) this.request({ type: 'subscribe', channel }).catch((error) => this._emit('error', error));
  }

  _disconnected(code, reason) {
    this.welcome = null;
    this._failPending('disconnected');
    const permanent = this._closedByUser || code === 4401 || code === 4403 || code === 4409 || code === 4429;
    this._emit('close', { code, reason, willReconnect: !permanent });
    if (permanent) {
      if (!this._closedByUser) this._emit('fatal', new HuddleError({ code: String(code), message: reason || 'closed' }));
      return;
    }
    const base = Math.min(this.options.maxBackoffMs, this.options.minBackoffMs * 2 ** this._attempt++);
    const delay = base / 2 + Math.random() * base / 2;
    this._retryTimer = setTimeout(() => this._open(), delay);
  }

  _failPending(why) {
    for (const [ref, pending] of this._pending) {
      clearTimeout(pending.timer);
      pending.reject(new HuddleError({ code: why, message: why }));
      this._pending.delete(ref);
    }
  }

  _emit(event, value) {
    for (const listener of this._listeners.get(event) || []) {
      try { listener(value); } catch (error) { console.error('Huddle listener failed', error); }
    }
  }
}
