/**
 * The Server-Sent Events transport: the stream {@code GET /sse} and the command endpoint
 * {@code POST /sse/{connection}/commands}. Must not import JPA, JMS or the infrastructure layer.
 */
package io.huddle.streaming.transport.sse;
