/**
 * Rooms and their members: creating, changing, archiving and deleting rooms, their mode (slow mode, lock), who may
 * read and write them ({@link io.huddle.streaming.application.rooms.RoomAccess}), joining, leaving and adding
 * members, invites, and the room commands of the wire protocol; committed room events become frames here
 * ({@link io.huddle.streaming.application.rooms.RoomFrames}). Must not import transport or infrastructure.
 */
package io.huddle.streaming.application.rooms;
