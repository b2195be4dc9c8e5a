package io.huddle.streaming.application.rooms;

import io.huddle.streaming.application.support.Transactions;
import io.huddle.streaming.domain.room.RoomId;
import io.huddle.streaming.domain.room.RoomMember;
import io.huddle.streaming.domain.room.RoomRepository;
import io.huddle.streaming.hub.MembershipDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The hub's source of room membership: the database. Thread-safe.
 */
@ApplicationScoped
public class RoomMembershipDirectory implements MembershipDirectory {

    @Inject
    Transactions tx;

    @Inject
    RoomRepository rooms;

    @Override
    public Optional<Set<String>> membersOf(String room) {
        if (!RoomId.isValid(room)) {
            return Optional.empty();
        }
        RoomId id = RoomId.of(room);
        return tx.required(() -> {
            if (rooms.find(id).isEmpty()) {
                return Optional.<Set<String>>empty();
            }
            return Optional.of(rooms.members(id).stream().map(RoomMember::user).collect(Collectors.toSet()));
        });
    }
}
