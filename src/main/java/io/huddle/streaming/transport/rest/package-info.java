/**
 * The REST administration API under {@code /api/v1}. Must not import JPA, JMS or the infrastructure layer.
 */
package io.huddle.streaming.transport.rest;
