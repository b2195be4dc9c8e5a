// Reactions under each message: one chip per reaction with its count (yours highlighted); clicking a chip adds or
// removes yours, the smiley button offers a few to pick from. Live `reaction` frames keep the counts in step.
import { attempt, button, el } from './dom.js';

const PALETTE = ['👍', '❤️', '😂', '🎉', '👀'];

export class Reactions {
  constructor(state) {
    this.state = state;
    this.byMessage = new Map();
  }

  clear() { this.byMessage.clear(); }

  /** The reactions a paged or replayed message carries: [{reaction, count, me}]. */
  remember(message) {
    if (!this.byMessage.has(message.id) || message.reactions) {
      this.byMessage.set(message.id, (message.reactions || []).map((r) => ({ ...r })));
    }
  }

  /** The reactions row of a message's list item. */
  build(messageId) {
    const row = el('div', 'reactions');
    row.dataset.message = messageId;
    for (const { reaction, count, me } of this.byMessage.get(messageId) || []) {
      const chip = button('reaction' + (me ? ' mine' : ''), `${reaction} ${count}`, () => this.toggle(messageId, reaction));
      chip.dataset.reaction = reaction;
      row.append(chip);
    }
    const palette = el('span', 'palette');
    palette.hidden = true;
    for (const reaction of PALETTE) {
      const pick = button('pick', reaction, () => { palette.hidden = true; this.toggle(messageId, reaction, true); });
      pick.dataset.reaction = reaction;
      palette.append(pick);
    }
    const add = button('add-reaction', '☺+', () => { palette.hidden = !palette.hidden; });
    add.title = 'React';
    row.append(add, palette);
    return row;
  }

  /** A `reaction` frame: the new count, and whether the reader's own reaction is there. */
  apply(frame) {
    const list = this.byMessage.get(frame.id) || [];
    let entry = list.find((r) => r.reaction === frame.reaction);
    if (!entry) {
      entry = { reaction: frame.reaction, count: 0, me: false };
      list.push(entry);
    }
    entry.count = frame.count;
    if (frame.user === this.state.user) entry.me = frame.action === 'added';
    this.byMessage.set(frame.id, list.filter((r) => r.count > 0));
    this.redraw(frame.id);
  }

  redraw(messageId) {
    const row = document.querySelector(`#messages .reactions[data-message="${CSS.escape(messageId)}"]`);
    if (row) row.replaceWith(this.build(messageId));
  }

  toggle(messageId, reaction, add) {
    const mine = (this.byMessage.get(messageId) || []).some((r) => r.reaction === reaction && r.me);
    const client = this.state.client;
    if (add && mine) return Promise.resolve();
    return attempt(mine ? client.unreact(this.state.room, messageId, reaction)
      : client.react(this.state.room, messageId, reaction));
  }
}
