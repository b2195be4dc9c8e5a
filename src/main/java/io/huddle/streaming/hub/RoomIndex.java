package io.huddle.streaming.hub;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's view of who is in each room, used to fan room frames out. Loaded from the
 * {@link MembershipDirectory} the first time a room is needed, then kept current by the membership changes
 * that arrive with envelopes. Thread-safe; returned sets are live, concurrent views.
 */
@ApplicationScoped
public class RoomIndex {

    private final Map<String, Set<String>> members = new ConcurrentHashMap<>();
    /** Counts applied changes, each counted after it took effect. */
    private final AtomicLong changes = new AtomicLong();

    @Inject
    MembershipDirectory directory;

    /**
     * The members of {@code room}: a live view, changed only through {@link #apply}; callers do not modify it.
     * A room that does not exist has no members and is not remembered, so asking about made-up rooms keeps
     * nothing.
     */
    public Set<String> members(String room) {
        Set<String> known = members.computeIfAbsent(room, r -> directory.membersOf(r).map(loaded -> {
            Set<String> set = ConcurrentHashMap.newKeySet();
            set.addAll(loaded);
            return set;
        }).orElse(null));
        return known == null ? Set.of() : known;
    }

    /** Applies a change to {@code room}. */
    public void apply(String room, MembershipChange change) {
        if (MembershipChange.ROOM_GONE.equals(change.user())) {
            members.remove(room);
        } else if (change.joined()) {
            members(room).add(change.user());
        } else {
            // computeIfPresent waits for a load of the same room in progress, so the removal is not lost.
            members.computeIfPresent(room, (r, set) -> {
                set.remove(change.user());
                return set;
            });
        }
        changes.incrementAndGet();
    }

    /**
     * The members of every room this node remembers that {@code user} is in and whose members pass {@code rooms},
     * {@code user} excluded: what this node knows of the user's co-members without asking the directory (for when
     * it cannot be asked).
     */
    public Set<String> knownCoMembers(String user, java.util.function.Predicate<Set<String>> rooms) {
        Set<String> coMembers = new java.util.TreeSet<>();
        for (Set<String> room : members.values()) {
            if (room.contains(user) && rooms.test(room)) {
                coMembers.addAll(room);
            }
        }
        coMembers.remove(user);
        return coMembers;
    }

    /** How many changes were applied so far (see {@link ConnectionRegistry#changes()}). */
    public long changes() {
        return changes.get();
    }

    /**
     * Forgets the rooms none of whose members is {@code watched} (has a connection on this node): nothing is
     * fanned out to them here, and the next use reloads them from the directory. Keeps what is remembered bounded
     * by the rooms of the connected users. Returns how many rooms were forgotten.
     */
    public int forgetUnwatched(java.util.function.Predicate<String> watched) {
        int forgotten = 0;
        for (Map.Entry<String, Set<String>> room : members.entrySet()) {
            if (room.getValue().stream().noneMatch(watched) && members.remove(room.getKey(), room.getValue())) {
                forgotten++;
            }
        }
        if (forgotten > 0) {
            changes.incrementAndGet();
        }
        return forgotten;
    }

    /** How many rooms are remembered. */
    public int size() {
        return members.size();
    }

    /** Forgets everything (the next use reloads from the directory). */
    public void clear() {
        members.clear();
        changes.incrementAndGet();
    }
}
