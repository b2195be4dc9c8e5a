package io.huddle.streaming.hub;

import io.huddle.streaming.config.StreamingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which rooms are large ({@code streaming.rooms.large}: more members than that), and which large rooms changed
 * members since their count was last told. In a large room a plain join or leave is told only to the user's own
 * connections, and the others hear the member count at most once per {@code streaming.rooms.member-count-interval};
 * presence does not travel through large rooms. So N joins cost O(N) frames, not O(N²). This node's view: every
 * node decides from its own {@link RoomIndex}, which all nodes keep in step. Thread-safe.
 */
@ApplicationScoped
public class LargeRooms {

    @Inject
    StreamingConfig config;

    @Inject
    RoomIndex rooms;

    private final Set<String> countChanged = ConcurrentHashMap.newKeySet();

    /** Whether a room with {@code members} members is large. */
    public boolean isLarge(int members) {
        return members > config.largeRoom();
    }

    /** {@code room}'s members changed: its count is told with the next round. */
    void countChanged(String room) {
        countChanged.add(room);
    }

    /** The rooms whose members changed since the last call, each with its member count now; forgets them. */
    public List<RoomCount> takeCountChanges() {
        List<RoomCount> changed = new ArrayList<>();
        for (String room : countChanged) {
            if (countChanged.remove(room)) {
                changed.add(new RoomCount(room, rooms.members(room).size()));
            }
        }
        return changed;
    }

    /** A room and how many members it has. */
    public record RoomCount(String room, int members) {
    }
}
