/**
 * Live connections and local fan-out: the {@link io.huddle.streaming.hub.Connection} abstraction every
 * transport implements, the per-connection send queue, and the registry of this node's connections.
 * Must not import JPA, JMS, WebSocket, JAX-RS or the application and transport layers.
 */
package io.huddle.streaming.hub;
