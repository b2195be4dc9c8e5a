package io.huddle.streaming.hub;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers an envelope to this node's connections: to every connection of each member of a room, of some users,
 * of a channel's subscribers, of everyone (or everyone but some users), or to one connection. The frame was encoded once; each connection takes it without
 * blocking (written at once when its client keeps up, queued otherwise), so a slow or failing connection delays
 * nobody. Each connection's {@link RoomStreams} decides whether a room frame is sent, held during a replay, or
 * already delivered. A room's connections and their streams are gathered once and reused until connections or
 * memberships change, so a busy room's fan-out is a walk over two arrays. A membership change is applied to the
 * {@link RoomIndex} so that a
 * joining user receives the frame and a leaving one receives it as their last of the room. In a
 * {@link LargeRooms large} room a plain join or leave goes to the user's own connections only, and the room's
 * count is told later. Thread-safe.
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

    @Inject
    Traffic traffic;

    @Inject
    Meters meters;

    @Inject
    LargeRooms largeRooms;

    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private volatile long routesStamp = -1;

    /** Delivers {@code envelope} locally. Never throws. */
    public void deliver(Envelope envelope) {
        try {
            switch (envelope.target()) {
                case ROOM -> deliverToRoom(envelope);
                case USERS -> envelope.key().forEach(user -> toUser(user, envelope));
                case CHANNEL -> registry.deliver(channels.subscribers(envelope.first()), envelope.frame());
                case ALL -> registry.deliver(registry.all(), envelope.frame());
                case CONNECTION -> toConnection(envelope);
                case ALL_EXCEPT -> toAllExcept(envelope);
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

    private void toConnection(Envelope envelope) {
        Connection connection = registry.find(envelope.first());
        if (connection != null) {
            registry.deliver(List.of(connection), envelope.frame());
            if (envelope.closeCode() != 0) {
                connection.close(envelope.closeCode(), envelope.frame().type());
            }
        }
    }

    private void toAllExcept(Envelope envelope) {
        Set<String> except = Set.copyOf(envelope.key());
        List<Connection> recipients = new ArrayList<>();
        for (Connection connection : registry.all()) {
            if (!except.contains(connection.user())) {
                recipients.add(connection);
            }
        }
        registry.deliver(recipients, envelope.frame());
    }

    private void deliverToRoom(Envelope envelope) {
        long start = System.nanoTime();
        String room = envelope.first();
        OutboundFrame frame = envelope.frame();
        Optional<MembershipChange> plain = envelope.membership().filter(MembershipChange::plain);
        if (plain.isPresent() && large(room, plain.get())) {
            toSubjectOnly(room, frame, plain.get());
            return;
        }
        envelope.membership().filter(MembershipChange::joined).ifPresent(change -> rooms.apply(room, change));
        Route route = route(room);
        int sent = 0;
        for (int i = 0; i < route.connections.length; i++) {
            Connection connection = route.connections[i];
            try {
                if (route.streams[i].admit(frame)) {
                    connection.send(frame);
                    sent++;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, e, () -> "could not queue a frame for connection " + connection.id());
            }
        }
        traffic.delivered(sent);
        meters.fannedOut(System.nanoTime() - start);
        envelope.membership().filter(change -> !change.joined()).ifPresent(change -> {
            if (!MembershipChange.ROOM_GONE.equals(change.user()) && !route.members.contains(change.user())) {
                registry.forEachOfUsers(List.of(change.user()), connection -> {
                    if (connection.roomStreams().admit(room, frame)) {
                        connection.send(frame);
                    }
                });
            }
            rooms.apply(room, change);
        });
    }

    /** Whether {@code room} is large before or after {@code change}. */
    private boolean large(String room, MembershipChange change) {
        Set<String> members = rooms.members(room);
        return largeRooms.isLarge(members.size() + (change.joined() && !members.contains(change.user()) ? 1 : 0));
    }

    /**
     * A plain join or leave in a large room: the frame goes to the user's own connections only (a joining user
     * receives it, a leaving one receives it as the last frame of the room), and the room's count is told later.
     */
    private void toSubjectOnly(String room, OutboundFrame frame, MembershipChange change) {
        if (change.joined()) {
            rooms.apply(room, change);
        }
        int[] sent = {0};
        registry.forEachOfUsers(List.of(change.user()), connection -> {
            if (connection.roomStreams().admit(room, frame)) {
                connection.send(frame);
                sent[0]++;
            }
        });
        if (!change.joined()) {
            rooms.apply(room, change);
        }
        traffic.delivered(sent[0]);
        largeRooms.countChanged(room);
    }

    /**
     * The connections {@code room}'s frames go to, each with its stream of the room: built from the members and
     * their connections, and reused until a connection opens or closes or a membership changes anywhere on this
     * node (a stamp taken before building tells). Between changes, delivering a frame to a room looks nothing up.
     */
    private Route route(String room) {
        long stamp = registry.changes() + rooms.changes();
        if (stamp != routesStamp) {
            synchronized (routes) {
                if (stamp != routesStamp) {
                    // Drops routes made before the change, and with them closed connections they still name.
                    routes.clear();
                    routesStamp = stamp;
                }
            }
        }
        Route route = routes.get(room);
        if (route == null || route.stamp != stamp) {
            route = Route.of(stamp, rooms.members(room), registry, room);
            routes.put(room, route);
        }
        return route;
    }

    /** A room's connections and their streams of the room, as of {@code stamp}. */
    private static final class Route {
        final long stamp;
        final Set<String> members;
        final Connection[] connections;
        final RoomStreams.Stream[] streams;

        private Route(long stamp, Set<String> members, Connection[] connections, RoomStreams.Stream[] streams) {
            this.stamp = stamp;
            this.members = members;
            this.connections = connections;
            this.streams = streams;
        }

        static Route of(long stamp, Set<String> members, ConnectionRegistry registry, String room) {
            List<Connection> connections = new ArrayList<>(members.size());
            registry.forEachOfUsers(members, connections::add);
            Connection[] array = connections.toArray(new Connection[0]);
            RoomStreams.Stream[] streams = new RoomStreams.Stream[array.length];
            for (int i = 0; i < array.length; i++) {
                streams[i] = array[i].roomStreams().stream(room);
            }
            return new Route(stamp, members, array, streams);
        }
    }
}
