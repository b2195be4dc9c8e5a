/**
 * Rooms and everything kept about their members: membership and roles, bans, mutes, invites and the
 * moderation log, with the {@link io.huddle.streaming.domain.room.RoomRepository} that stores them.
 * Must not import CDI, transport, hub or infrastructure classes.
 */
package io.huddle.streaming.domain.room;
