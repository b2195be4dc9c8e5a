package io.huddle.streaming.application.typing;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.event.MemberBanned;
import io.huddle.streaming.application.event.MemberKicked;
import io.huddle.streaming.application.event.MemberLeft;
import io.huddle.streaming.application.event.MessageStored;
import io.huddle.streaming.application.rooms.MembershipService;
import io.huddle.streaming.application.support.CommitListener;
import io.huddle.streaming.application.support.Scheduled;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.domain.room.RoomId;
import io.huddle.streaming.hub.Broker;
import io.huddle.streaming.hub.Envelope;
import io.huddle.streaming.hub.Fanout;
import io.huddle.streaming.hub.OutboundFrame;
import io.huddle.streaming.hub.RoomIndex;
import io.huddle.streaming.hub.TypingElsewhere;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import io.huddle.streaming.protocol.Jsons;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

/**
 * Typing indicators: never stored, cheap, and ending by themselves. A user typing in a room is announced to the
 * room at most once per {@code streaming.typing.throttle} however often the client repeats it; an indicator not
 * refreshed within {@code streaming.typing.timeout} ends and the server itself announces {@code active: false};
 * publishing in the room, leaving it, or closing the last connection ends it too. Frames are droppable under
 * back-pressure. Typing spends the user's command rate budget; a typing frame for a room the user is not in is
 * refused ({@code not_found}, {@code banned} or {@code forbidden}) and leaves nothing behind. In a cluster every
 * node keeps the indicators the others announce ({@link TypingElsewhere}), so the throttle holds per user and room
 * across nodes and a publish on any node ends the indicator for every member. Thread-safe.
 */
@ApplicationScoped
public class TypingService implements CommitListener {

    @Inject
    Broker broker;

    @Inject
    Fanout fanout;

    @Inject
    RoomIndex roomIndex;

    @Inject
    StreamingConfig config;

    @Inject
    MembershipService memberships;

    /** Live indicators by room, then user. */
    private final Map<String, Map<String, Indicator>> rooms = new ConcurrentHashMap<>();
    private ScheduledFuture<?> expiry;

    /**
     * One user's indicator in one room: when it ends, when it was last announced, and whether this node announced
     * it last (in a cluster, the node that announced an indicator last ends it when it expires; the others only
     * follow, and end it by themselves a second after it should have ended, should that node be gone).
     */
    private static final class Indicator {
        volatile Instant expires;
        volatile Instant announced;
        volatile boolean here;

        Indicator(Instant expires, Instant announced, boolean here) {
            this.expires = expires;
            this.announced = announced;
            this.here = here;
        }
    }

    /** How long after its end an indicator announced by another node is ended here if that node did not. */
    private static final Duration ELSEWHERE_MARGIN = Duration.ofSeconds(1);

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (config.typingEnabled()) {
            Duration period = config.typingTimeout().dividedBy(4);
            expiry = Scheduled.every(period.isZero() ? Duration.ofMillis(100) : period, "typing expiry", this::expire);
        }
    }

    @PreDestroy
    void stop() {
        if (expiry != null) {
            expiry.cancel(false);
        }
    }

    /** {@code user} starts or stops typing in {@code room}; members only. */
    public void typing(String room, String user, boolean active) {
        if (!config.typingEnabled()) {
            throw new HuddleException(ErrorCode.FEATURE_DISABLED, "typing indicators are turned off on this server");
        }
        if (!roomIndex.members(room).contains(user)) {
            // Not a member as this node knows: the database says why (no such room, banned, not a member).
            memberships.requireMember(Actor.user(user), RoomId.of(room), "type there");
        }
        if (active) {
            start(room, user);
        } else {
            end(room, user);
        }
    }

    /** The users typing in {@code room} now. */
    public Set<String> typingIn(String room) {
        Map<String, Indicator> typing = rooms.get(room);
        return typing == null ? Set.of() : new TreeSet<>(typing.keySet());
    }

    /** Ends every indicator of {@code user} (the user's last connection closed). */
    public void endAll(String user) {
        rooms.keySet().forEach(room -> end(room, user));
    }

    /** Publishing in a room, leaving it, being kicked or banned ends the user's indicator there. */
    @Override
    public void committed(Object event) {
        if (event instanceof MessageStored e) {
            end(e.room(), e.message().user());
        } else if (event instanceof MemberLeft e) {
            end(e.room(), e.user());
        } else if (event instanceof MemberKicked e) {
            end(e.room(), e.user());
        } else if (event instanceof MemberBanned e) {
            end(e.room(), e.ban().user());
        }
    }

    private void start(String room, String user) {
        Instant now = Instant.now();
        Instant expires = now.plus(config.typingTimeout());
        boolean[] announce = {false};
        rooms.compute(room, (r, typing) -> {
            Map<String, Indicator> users = typing == null ? new ConcurrentHashMap<>() : typing;
            Indicator indicator = users.get(user);
            if (indicator == null) {
                users.put(user, new Indicator(expires, now, true));
                announce[0] = true;
            } else {
                indicator.expires = expires;
                if (indicator.announced.plus(config.typingThrottle()).isBefore(now)) {
                    indicator.announced = now;
                    indicator.here = true;
                    announce[0] = true;
                }
            }
            return users;
        });
        if (announce[0]) {
            send(room, user, true);
        }
    }

    private void end(String room, String user) {
        Map<String, Indicator> typing = rooms.get(room);
        if (typing != null && typing.remove(user) != null) {
            send(room, user, false);
        }
    }

    /**
     * A typing frame from another node of the cluster: this node keeps the indicator (so that its throttle holds
     * here too, and a publish here ends it everywhere), or drops it when it ended there.
     */
    void typingElsewhere(@Observes TypingElsewhere event) {
        JsonObject frame;
        try (var reader = Jsons.createReader(new java.io.StringReader(event.frame()))) {
            frame = reader.readObject();
        }
        String user = frame.getString("user");
        if (frame.getBoolean("active")) {
            Instant now = Instant.now();
            rooms.computeIfAbsent(event.room(), r -> new ConcurrentHashMap<>())
                    .put(user, new Indicator(now.plus(config.typingTimeout()), now, false));
        } else {
            Map<String, Indicator> typing = rooms.get(event.room());
            if (typing != null) {
                typing.remove(user);
            }
        }
    }

    private void expire() {
        Instant now = Instant.now();
        rooms.forEach((room, typing) -> {
            for (Iterator<Map.Entry<String, Indicator>> it = typing.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Indicator> e = it.next();
                Indicator indicator = e.getValue();
                if (indicator.here && indicator.expires.isBefore(now) && typing.remove(e.getKey(), indicator)) {
                    send(room, e.getKey(), false);
                } else if (!indicator.here && indicator.expires.plus(ELSEWHERE_MARGIN).isBefore(now)
                        && typing.remove(e.getKey(), indicator)) {
                    // The node that announced it did not end it: it is gone. Told to this node's members only.
                    fanout.deliver(Envelope.toRoom(room, OutboundFrame.droppable("typing", frame(room, e.getKey(), false))));
                }
            }
        });
        rooms.keySet().forEach(room -> rooms.computeIfPresent(room, (r, typing) -> typing.isEmpty() ? null : typing));
    }

    private void send(String room, String user, boolean active) {
        broker.publish(Envelope.toRoom(room, OutboundFrame.droppable("typing", frame(room, user, active))));
    }

    private static String frame(String room, String user, boolean active) {
        return Jsons.createObjectBuilder().add("type", "typing").add("room", room).add("user", user)
                .add("active", active).build().toString();
    }
}
