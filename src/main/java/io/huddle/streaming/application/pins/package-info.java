/**
 * Pinned messages: moderators pin and unpin a room's messages, readers of the room list them, and every change is
 * announced to the room. Must not import transport or infrastructure.
 */
package io.huddle.streaming.application.pins;
