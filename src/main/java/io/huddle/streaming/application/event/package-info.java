/**
 * Typed CDI events, fired after the transaction that caused them commits (never for a rollback). Observe them
 * in any bean with {@code @Observes}, e.g. {@code void onBan(@Observes MemberBanned event)}. Every event of a
 * room implements {@link io.huddle.streaming.application.event.RoomEvent}. An observer that throws is
 * logged; it cannot undo the committed change, nor fail the caller, nor delay other events.
 */
package io.huddle.streaming.application.event;
