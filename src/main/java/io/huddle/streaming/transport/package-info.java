/**
 * Thin adapters from the wire to the application layer: decode, call, encode, nothing else.
 * May import application, protocol, hub and config; nothing imports this package.
 */
package io.huddle.streaming.transport;
