/**
 * Use cases: what a client or an application bean may do, with the rules (identity, permissions, limits)
 * checked here once for every transport, and the transactions around them. May import protocol, domain,
 * hub and config; must not import transport or infrastructure, nor WebSocket, JAX-RS or JMS classes.
 */
package io.huddle.streaming.application;
