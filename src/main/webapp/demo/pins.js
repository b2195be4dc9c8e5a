// The open room's pinned messages, above the conversation; moderators pin from a message and unpin from the list.
// Live `pin` frames keep the list in step.
import { $, attempt, button, el, moderates, textOf } from './dom.js';

export class Pins {
  constructor(state) {
    this.state = state;
    this.pins = [];
  }

  async load(room) {
    this.pins = (await this.state.client.pins(room)).pins;
    this.render();
  }

  /** A `pin` frame of the open room. */
  apply(frame) {
    this.pins = this.pins.filter((pin) => pin.message.id !== frame.id);
    if (frame.action === 'pinned') this.pins.unshift({ message: frame.message, pinnedBy: frame.by, pinnedAt: frame.at });
    this.render();
  }

  pin(messageId) { return attempt(this.state.client.pin(this.state.room, messageId)); }

  render() {
    const list = $('pins');
    list.replaceChildren();
    for (const { message, pinnedBy } of this.pins) {
      const item = el('li', 'pin');
      item.dataset.id = message.id;
      item.append(el('span', 'pin-author', message.user), el('span', 'pin-text', textOf(message.data)));
      item.title = `pinned by ${pinnedBy}`;
      if (moderates(this.state.role)) {
        item.append(button('unpin', 'unpin', () => attempt(this.state.client.unpin(this.state.room, message.id))));
      }
      list.append(item);
    }
    $('pinned').hidden = this.pins.length === 0;
  }
}
