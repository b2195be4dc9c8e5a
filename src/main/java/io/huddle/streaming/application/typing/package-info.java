/**
 * Typing indicators: throttled, expiring by themselves, never stored. Must not import transport or infrastructure.
 */
package io.huddle.streaming.application.typing;
