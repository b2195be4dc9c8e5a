package io.huddle.streaming.hub;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Knows every user's presence across the cluster: connections and their devices, the status each user chose,
 * activity. Implementations: an in-memory one for a single node, a replicated one for a cluster. Every method
 * is thread-safe and returns the presence after the change; a user never seen is {@link UserPresence#unknown}.
 */
public interface PresenceTracker {

    /** A connection of {@code user} opened. */
    UserPresence connected(String user, String connection);

    /** A connection of {@code user} closed. */
    UserPresence disconnected(String user, String connection);

    /** A connection of {@code user} names its device type, or none. */
    UserPresence device(String user, String connection, Optional<String> device);

    /** {@code user} chose a status ({@code online}, {@code away}, {@code busy}, {@code invisible}) and text. */
    UserPresence choose(String user, String status, Optional<String> text);

    /** {@code user} showed activity now; cheap enough to call for every inbound frame. */
    void active(String user);

    /** Marks idle every connected user inactive since before {@code cutoff}; returns those newly idle. */
    List<UserPresence> markIdle(Instant cutoff);

    /** Clears the idle mark of {@code user} (after activity); returns the presence if it was idle. */
    Optional<UserPresence> wake(String user);

    /** The presence of {@code user}. */
    UserPresence get(String user);

    /** The presences of {@code users}, in a map keyed by user. */
    Map<String, UserPresence> getAll(Collection<String> users);

    /** Users with at least one connection. */
    Set<String> connectedUsers();

    /**
     * Forgets users who have no connection: those whose presence is the plain default ({@code online}, no text)
     * once their last activity is before {@code plainBefore}, the others (who chose a status or a text) once it is
     * before {@code choiceBefore}. A forgotten user is {@link UserPresence#unknown} again. Returns how many were
     * forgotten. What is kept is thus bounded by the users connected or recently gone.
     */
    int forgetGone(Instant plainBefore, Instant choiceBefore);

    /** How many users are kept (connected, or gone but not forgotten yet). */
    int size();
}
