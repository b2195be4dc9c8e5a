/**
 * Immutable snapshots that {@code StreamingManager} and the services return: rooms, members, bans, mutes,
 * invites, moderation log lines and messages. Entities never leave the application layer; these do.
 */
package io.huddle.streaming.application.view;
