package io.huddle.streaming.application;

import io.huddle.streaming.domain.room.RoomId;
import io.huddle.streaming.domain.room.RoomMember;
import io.huddle.streaming.domain.room.RoomRepository;
import io.huddle.streaming.hub.MembershipDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
    public Set<String> membersOf(String room) {
        return tx.required(() -> {
            return rooms.members(RoomId.of(room)).stream().map(RoomMember::user).collect(Collectors.toSet());
        });
    }
}
