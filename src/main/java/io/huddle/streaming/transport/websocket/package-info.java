/**
 * The WebSocket transport at {@code /ws}: one JSON frame per text message, both directions.
 * Must not import JPA, JMS or the infrastructure layer.
 */
package io.huddle.streaming.transport.websocket;
