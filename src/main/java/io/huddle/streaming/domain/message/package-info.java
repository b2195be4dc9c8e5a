/**
 * Room message history: the {@link io.huddle.streaming.domain.message.Message} entity, per-room seq
 * allocation and paging contracts. Must not import CDI, transport, hub or infrastructure classes.
 */
package io.huddle.streaming.domain.message;
