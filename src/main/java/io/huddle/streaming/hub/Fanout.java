package io.huddle.streaming.hub;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers an envelope to this node's connections: to every connection of each member of a room, of some users,
 * of a channel's subscribers, or of everyone. The frame was encoded once; each connection takes it without
 * blocking (written at once when its client keeps up, queued otherwise), so a slow or failing connection delays
 * nobody. Each connection's {@link RoomStreams} decides whether a room frame is sent, held during a replay, or
 * already delivered. A membership change is applied to the {@link RoomIndex} so that a
 * joining user receives the frame and a leaving one receives it as their last of the room. Thread-safe.
 */
@ApplicationScoped
public class Fanout {

    private static final Logger LOG = Logger.getLogger(Fanout.class.getName());

    @Inject
    ConnectionRegistry registry;

    @Inject
    RoomIndex rooms;

    @Inject
    ChannelIndex channels;

    /** Delivers {@code envelope} locally. Never throws. */
    public void deliver(Envelope envelope) {
        try {
            switch (envelope.target()) {
                case ROOM -> deliverToRoom(envelope);
                case USERS -> envelope.key().forEach(user -> toUser(user, envelope));
                case CHANNEL -> registry.deliver(channels.subscribers(envelope.first()), envelope.frame());
                case ALL -> registry.deliver(registry.all(), envelope.frame());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "could not deliver a " + envelope.frame().type() + " frame");
        }
    }

    private void toUser(String user, Envelope envelope) {
        List<Connection> connections = registry.ofUser(user);
        registry.deliver(connections, envelope.frame());
        if (envelope.closeCode() != 0) {
            connections.forEach(c -> c.close(envelope.closeCode(), envelope.frame().type()));
        }
    }

    private void deliverToRoom(Envelope envelope) {
        String room = envelope.first();
        OutboundFrame frame = envelope.frame();
        Consumer<Connection> toConnection = connection -> {
            if (connection.roomStreams().admit(room, frame)) {
                connection.send(frame);
            }
        };
        envelope.membership().filter(MembershipChange::joined).ifPresent(change -> rooms.apply(room, change));
        Set<String> members = rooms.members(room);
        registry.forEachOfUsers(members, toConnection);
        envelope.membership().filter(change -> !change.joined()).ifPresent(change -> {
            if (!MembershipChange.ROOM_GONE.equals(change.user()) && !members.contains(change.user())) {
                registry.forEachOfUsers(List.of(change.user()), toConnection);
            }
            rooms.apply(room, change);
        });
    }
}
