/**
 * Direct conversations: a private room of exactly two users, found or opened idempotently, and blocking, by which a
 * user refuses direct messages from another. Must not import transport or infrastructure.
 */
package io.huddle.streaming.application.direct;
