/**
 * Reactions: members add and remove an emoji or a short name on a room's messages, announced to the room and
 * counted in history pages and replays. Must not import transport or infrastructure.
 */
package io.huddle.streaming.application.reactions;
