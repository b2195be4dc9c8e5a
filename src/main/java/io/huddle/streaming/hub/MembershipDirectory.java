package io.huddle.streaming.hub;

import java.util.Optional;
import java.util.Set;

/**
 * Where the hub learns who the members of a room are, the first time it needs to know. Implemented by the
 * application over the database. Thread-safe.
 */
public interface MembershipDirectory {

    /** The user ids of the room's members now; empty if the room does not exist. */
    Optional<Set<String>> membersOf(String room);
}
