// A room's slow mode and lock: shown to everyone under the room's title, changed by moderators from the side panel.
// Live `room` frames (action `updated`) keep both in step.
import { $, attempt, moderates } from './dom.js';

export class RoomModeControls {
  constructor(state) {
    this.state = state;
    $('mode-form').addEventListener('submit', (event) => {
      event.preventDefault();
      attempt(this.state.client.roomMode(this.state.room, {
        slowModeMs: Number($('slow-mode').value), locked: $('locked').checked,
      }));
    });
  }

  /** The mode of the open room, from the room's REST view or a `room` frame. */
  show({ slowModeMs = 0, locked = false }) {
    const parts = [];
    if (slowModeMs > 0) parts.push(`slow mode: one message per ${slowModeMs / 1000} s`);
    if (locked) parts.push('locked: only moderators may post');
    $('room-mode').textContent = parts.join(' · ');
    $('slow-mode').value = String(slowModeMs);
    if (!$('slow-mode').value) $('slow-mode').append(new Option(`${slowModeMs / 1000} s`, String(slowModeMs), true, true));
    $('locked').checked = locked;
    $('mode-form').hidden = !moderates(this.state.role);
  }

  hide() {
    $('room-mode').textContent = '';
    $('mode-form').hidden = true;
  }
}
