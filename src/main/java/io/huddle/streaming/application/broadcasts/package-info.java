/**
 * Broadcasts from application code: live frames to a connection, to users, to everyone or everyone but some users,
 * and stored system messages to rooms. Must not import transport or infrastructure.
 */
package io.huddle.streaming.application.broadcasts;
