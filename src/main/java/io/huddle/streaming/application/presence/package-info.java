/**
 * Presence: who is online, away, busy or offline, announced to the users who share a room and read by the same
 * rule. Uses the hub's {@code PresenceTracker}; must not import transport or infrastructure.
 */
package io.huddle.streaming.application.presence;
