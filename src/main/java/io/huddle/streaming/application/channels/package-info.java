/**
 * Channels: live publish/subscribe topics, defined or within a configured namespace, never stored. Must not import
 * transport or infrastructure.
 */
package io.huddle.streaming.application.channels;
