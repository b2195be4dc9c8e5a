/**
 * Huddle: real-time rooms, channels, presence, typing indicators and message history for Jakarta EE.
 *
 * <p>Layers, outermost first: {@code transport} (WebSocket, SSE, REST adapters) calls {@code application}
 * (use cases, rules, transactions), which uses {@code domain} (entities, repositories) and {@code hub}
 * (connections and fan-out). {@code infrastructure} implements the domain's and the hub's interfaces with
 * JPA and JMS. Nothing imports {@code transport} or {@code infrastructure}.
 */
package io.huddle.streaming;
