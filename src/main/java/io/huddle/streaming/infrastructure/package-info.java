/**
 * Implementations of the domain's and the hub's interfaces with concrete technology (JPA, JMS).
 * May import domain and hub; must not import application or transport.
 */
package io.huddle.streaming.infrastructure;
