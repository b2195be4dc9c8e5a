/**
 * Moderation: kicks, bans, mutes and role changes by a room's moderators, and the expiry of timed bans and mutes.
 * Must not import transport or infrastructure.
 */
package io.huddle.streaming.application.moderation;
