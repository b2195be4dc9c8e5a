// Unread badges in the room and conversation lists. The counts come from the server's `unread` answer (one read
// for all of the user's rooms); a message in another room, or a `read` frame (the user read a room in another
// tab), asks again. The open room is marked read as its messages arrive.
import { el } from './dom.js';

export class Unread {
  constructor(state) {
    this.state = state;
    this.counts = new Map();
    this.marked = new Map();
    this.timer = null;
  }

  /** Asks the server again soon; several causes within 100 ms make one request. */
  refreshSoon() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh().catch(() => {}), 100);
  }

  async refresh() {
    const { rooms } = await this.state.client.unread();
    this.counts = new Map(rooms.map((r) => [r.room, r]));
    this.render();
  }

  /** Marks the open room read up to `seq`, once per seq. */
  markRead(room, seq) {
    if (typeof seq !== 'number' || (this.marked.get(room) ?? -1) >= seq) return;
    this.marked.set(room, seq);
    const count = this.counts.get(room);
    if (count) count.unread = 0;
    this.render();
    this.state.client.markRead(room, seq).catch(() => this.marked.delete(room));
  }

  render() {
    for (const item of document.querySelectorAll('#room-list li[data-room], #dm-list li[data-room]')) {
      item.querySelector('.badge')?.remove();
      const count = this.counts.get(item.dataset.room);
      if (!count || count.unread === 0 || item.dataset.room === this.state.room) continue;
      const badge = el('span', 'badge' + (count.mentions > 0 ? ' mention' : ''),
        count.mentions > 0 ? `${count.unread} @${count.mentions}` : String(count.unread));
      badge.title = `${count.unread} unread` + (count.mentions > 0 ? `, ${count.mentions} mentioning you` : '');
      item.querySelector('.open-room').before(badge);
    }
  }
}
