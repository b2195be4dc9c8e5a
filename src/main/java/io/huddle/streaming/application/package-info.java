/**
 * Use cases: what a client or an application bean may do, with the rules (identity, permissions, limits)
 * checked here once for every transport, and the transactions around them. This package holds the public entry
 * ({@link io.huddle.streaming.application.StreamingManager}, {@link io.huddle.streaming.application.Actor}), the
 * feature switches and housekeeping; each feature lives in a package of its own (rooms, moderation, messaging,
 * session, presence, typing, channels, pins, reactions, reading, direct, broadcasts, admin), sharing support. May import protocol, domain,
 * hub and config; must not import transport or infrastructure, nor WebSocket, JAX-RS or JMS classes.
 */
package io.huddle.streaming.application;
