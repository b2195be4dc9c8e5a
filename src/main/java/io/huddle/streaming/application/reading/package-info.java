/**
 * Read markers and unread counts: how far each member has read each room, announced to the member's own
 * connections, and a user's unread messages and mentions over all their rooms in one read. Must not import
 * transport or infrastructure.
 */
package io.huddle.streaming.application.reading;
