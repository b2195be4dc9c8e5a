/**
 * Typed CDI events, fired after the transaction that caused them commits (never for a rollback), and after
 * Huddle has delivered the change to clients. Observe them in any bean with {@code @Observes} (called on the
 * thread that committed, after the room's ordering is released: a slow observer delays only the change that
 * fired it, never other publishers of the room) or {@code @ObservesAsync} (called on the container's executor).
 * Observers of one room may run concurrently, so events of a room can reach them out of commit order: order
 * messages by their {@code seq}. Every event of a room implements
 * {@link io.huddle.streaming.application.event.RoomEvent}. An observer that throws is logged; it cannot undo the
 * committed change, nor fail the caller, nor delay other events.
 */
package io.huddle.streaming.application.event;
