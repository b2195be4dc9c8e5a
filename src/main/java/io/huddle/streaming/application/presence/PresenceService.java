package io.huddle.streaming.application.presence;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.support.Errors;
import io.huddle.streaming.application.support.Scheduled;
import io.huddle.streaming.application.support.Transactions;
import io.huddle.streaming.application.support.Validation;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.domain.room.Room;
import io.huddle.streaming.domain.room.RoomRepository;
import io.huddle.streaming.hub.Fanout;
import io.huddle.streaming.hub.PresenceChangedElsewhere;
import io.huddle.streaming.hub.Envelope;
import io.huddle.streaming.hub.OutboundFrame;
import io.huddle.streaming.hub.PresenceTracker;
import io.huddle.streaming.hub.LargeRooms;
import io.huddle.streaming.hub.RoomIndex;
import io.huddle.streaming.hub.UserPresence;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import io.huddle.streaming.protocol.Jsons;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Presence: who is online, away, busy or offline, told to the connections that share a room with each user.
 * A user is online while any connection is open; a status the user chooses ({@code away}, {@code busy},
 * {@code invisible}, shown to others as offline) holds across connections; a user silent for
 * {@code streaming.presence.timeout} shows as away until the next frame. Announcements are coalesced: only a
 * status different from the last one announced goes out, and a user's last connection closing is announced
 * only after {@code streaming.presence.grace}, so a page reload does not flap. Presence is for users who share
 * a room: announcements go to co-members only, and reads on a user's behalf show anyone else as offline.
 * Announcements do not travel through {@link LargeRooms large} rooms (each would cost a frame to every member):
 * their members read each other's presence when they ask ({@code who}).
 * In a cluster the {@link PresenceTracker} merges what every node holds, and each node announces to its own
 * connections, so a user with connections on several nodes is one presence and each connection hears each change
 * once. Thread-safe.
 */
@ApplicationScoped
public class PresenceService {

    private static final Logger LOG = Logger.getLogger(PresenceService.class.getName());

    private static final Set<String> CHOOSABLE = Set.of("online", "away", "busy", "invisible");
    /**
     * What {@link #announced} remembers of a user with a status and neither text nor devices (nearly everyone):
     * one string per status rather than one per user.
     */
    private static final Map<String, String> PLAIN_KEYS = CHOOSABLE.stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(s -> s, s -> key(s, "", Set.of())));
    private static final int MAX_TEXT = 200;
    private static final int MAX_DEVICE = 32;

    @Inject
    PresenceTracker tracker;

    @Inject
    Fanout fanout;

    @Inject
    RoomIndex roomIndex;

    @Inject
    LargeRooms largeRooms;

    @Inject
    RoomRepository rooms;

    @Inject
    Transactions tx;

    @Inject
    StreamingConfig config;

    private final Map<String, String> announced = new ConcurrentHashMap<>();
    /** Serialize the announcements of one user (striped: announcements are rare, users many). */
    private final Object[] announceLocks = new Object[64];

    {
        for (int i = 0; i < announceLocks.length; i++) {
            announceLocks[i] = new Object();
        }
    }
    private final Map<String, ScheduledFuture<?>> pendingOffline = new ConcurrentHashMap<>();
    private ScheduledFuture<?> idleCheck;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (config.presenceEnabled()) {
            idleCheck = Scheduled.every(config.presenceCleanupInterval(), "presence timeout", this::markIdle);
        }
    }

    @PreDestroy
    void stop() {
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
        pendingOffline.values().forEach(f -> f.cancel(false));
    }

    /** A connection of {@code user} opened. */
    public void connected(String user, String connection) {
        Optional.ofNullable(pendingOffline.remove(user)).ifPresent(f -> f.cancel(false));
        UserPresence p = tracker.connected(user, connection);
        if (config.presenceEnabled()) {
            announce(p);
        }
    }

    /** A connection of {@code user} closed; the last one (on every node) is announced after the grace period. */
    public void disconnected(String user, String connection) {
        UserPresence p = tracker.disconnected(user, connection);
        if (config.presenceEnabled() && p.connections() == 0) {
            offlineAfterGrace(user);
        }
    }

    /**
     * What another node of the cluster knows of {@code user} changed: this node tells its own connections what they
     * see of the user now, as the other nodes tell theirs; a user left with no connection on any node is announced
     * offline after the grace, as when the last connection closes here, or at once when the node holding the user's
     * connections left the cluster (its lease gave them time to reconnect already).
     */
    void changedElsewhere(@Observes PresenceChangedElsewhere event) {
        if (!config.presenceEnabled()) {
            return;
        }
        UserPresence p = tracker.get(event.user());
        if (p.connections() == 0 && event.nodeLeft()) {
            Optional.ofNullable(pendingOffline.remove(event.user())).ifPresent(f -> f.cancel(false));
            announce(p);
        } else if (p.connections() == 0) {
            offlineAfterGrace(event.user());
        } else {
            Optional.ofNullable(pendingOffline.remove(event.user())).ifPresent(f -> f.cancel(false));
            announce(p);
        }
    }

    private void offlineAfterGrace(String user) {
        pendingOffline.computeIfAbsent(user, u -> Scheduled.after(config.presenceGrace(), "presence offline", () -> {
            pendingOffline.remove(user);
            announce(tracker.get(user));
        }));
    }

    /** {@code user} sent a frame: activity, and the end of an idle spell. */
    public void active(String user) {
        tracker.active(user);
        tracker.wake(user).ifPresent(p -> {
            if (config.presenceEnabled()) {
                announce(p);
            }
        });
    }

    /** The {@code presence} command: the user's chosen status, text and this connection's device. */
    public UserPresence choose(String user, String connection, String status, Optional<String> device,
                               Optional<String> text) {
        requireEnabled();
        if (!CHOOSABLE.contains(status)) {
            throw Validation.bad("field 'status' must be online, away, busy or invisible"
                    + ("offline".equals(status) ? " (to appear offline, use invisible)" : ""));
        }
        Validation.optionalText("text", text, MAX_TEXT);
        Validation.optionalText("device", device, MAX_DEVICE);
        if (connection != null) {
            tracker.device(user, connection, device);
        }
        UserPresence p = tracker.choose(user, status, text.filter(t -> !t.isBlank()));
        announce(p);
        return p;
    }

    /** The presence of {@code user} as {@code viewer} sees it. */
    public String statusSeenBy(String user, String viewer) {
        UserPresence p = tracker.get(user);
        return user.equals(viewer) ? p.ownStatus() : p.visibleStatus();
    }

    /** The presence of {@code user} as others see it. */
    public UserPresence get(String user) {
        return tracker.get(user);
    }

    /** The presences of {@code users} as others see them. */
    public Map<String, UserPresence> getAll(Collection<String> users) {
        return tracker.getAll(users);
    }

    /**
     * The presences of {@code users} as {@code viewer} may see them. Presence is for users who share a room: a
     * user sees their own presence, and that of users they share a room with, as others see it; anyone else shows
     * as {@code offline} with no details, the same as a user never seen. Trusted actors see everyone.
     */
    public Map<String, UserPresence> getAll(Actor viewer, Collection<String> users) {
        Map<String, UserPresence> all = new HashMap<>(tracker.getAll(users));
        if (viewer.isUser()) {
            Set<String> visible = visibleTo(viewer.name());
            all.replaceAll((user, p) -> visible.contains(user) ? p : UserPresence.unknown(user));
        }
        return all;
    }

    /** The users {@code viewer} sees online (or away/busy): see {@link #getAll(Actor, Collection)}. */
    public Set<String> onlineUsers(Actor viewer) {
        Set<String> online = onlineUsers();
        if (viewer.isUser()) {
            online.retainAll(visibleTo(viewer.name()));
        }
        return online;
    }

    /** Users others see online (or away/busy): connected and not invisible. */
    public Set<String> onlineUsers() {
        Set<String> online = new TreeSet<>();
        tracker.getAll(tracker.connectedUsers()).forEach((u, p) -> {
            if (!"offline".equals(p.visibleStatus())) {
                online.add(u);
            }
        });
        return online;
    }

    /** The members of {@code room} others see online. */
    public Set<String> onlineIn(String room) {
        Set<String> online = new TreeSet<>(roomIndex.members(room));
        online.retainAll(onlineUsers());
        return online;
    }

    /** How many users' last announcement is remembered: those others see as online, away or busy. */
    public int announcedUsers() {
        return announced.size();
    }

    /** The presence JSON fields shared by frames and the REST API. */
    public static JsonObjectBuilder json(UserPresence p, String status) {
        JsonObjectBuilder o = Jsons.createObjectBuilder().add("user", p.user()).add("status", status);
        if (!"offline".equals(status)) {
            JsonArrayBuilder devices = Jsons.createArrayBuilder();
            p.devices().stream().sorted().forEach(devices::add);
            o.add("devices", devices);
            p.text().ifPresent(t -> o.add("text", t));
        }
        if (!Instant.EPOCH.equals(p.lastActive())) {
            o.add("lastSeen", p.lastActive().toString());
        }
        return o;
    }

    void requireEnabled() {
        if (!config.presenceEnabled()) {
            throw new HuddleException(ErrorCode.FEATURE_DISABLED, "presence is turned off on this server");
        }
    }

    private void markIdle() {
        tracker.markIdle(Instant.now().minus(config.presenceTimeout())).forEach(this::announce);
    }

    /**
     * Tells co-members what they see of {@code changed.user()} now, if that differs from the last announcement.
     * The presence is read again under the user's announcement lock, so two changes racing (an idle mark and the
     * user's next frame) are announced in the order they took effect and the last announcement is the state that
     * holds, never a stale one.
     */
    private void announce(UserPresence changed) {
        String user = changed.user();
        synchronized (announceLocks[Math.floorMod(user.hashCode(), announceLocks.length)]) {
            announceNow(tracker.get(user));
        }
    }

    /** What {@link #announced} remembers of {@code p} seen with {@code status}: equal keys, nothing to announce. */
    private static String announcedKey(String status, UserPresence p) {
        String plain = p.text().isEmpty() && p.devices().isEmpty() ? PLAIN_KEYS.get(status) : null;
        return plain != null ? plain : key(status, p.text().orElse(""), p.devices());
    }

    private static String key(String status, String text, Set<String> devices) {
        return status + '|' + text + '|' + new TreeSet<>(devices);
    }

    private void announceNow(UserPresence p) {
        String status = p.visibleStatus();
        // Only users others see as not offline are remembered: offline is what an unknown user is, so the map
        // holds no one who is gone.
        String before;
        if ("offline".equals(status)) {
            before = announced.remove(p.user());
            if (before == null) {
                return;
            }
        } else {
            String key = announcedKey(status, p);
            before = announced.put(p.user(), key);
            if (key.equals(before)) {
                return;
            }
        }
        Set<String> audience = coMembers(p.user(), false);
        if (!audience.isEmpty()) {
            String frame = json(p, status).add("type", "presence").build().toString();
            // To this node's connections only: every node of a cluster knows the same presence and tells its own.
            fanout.deliver(Envelope.toUsers(audience.stream().toList(), OutboundFrame.droppable("presence", frame)));
        }
    }

    /** The users whose presence {@code user} may see: themselves and everyone they share a room with. */
    private Set<String> visibleTo(String user) {
        Set<String> visible = coMembers(user, true);
        visible.add(user);
        return visible;
    }

    /**
     * Everyone who shares a room with {@code user}, as the database says; while it cannot be reached, as this node
     * remembers (the rooms its connections are in), so presence keeps working through a database outage. Without
     * {@code largeToo}, only the rooms that are not {@link LargeRooms large}: announcements do not travel through
     * those, whose members read presence when they ask ({@code who}).
     */
    private Set<String> coMembers(String user, boolean largeToo) {
        Predicate<Set<String>> counted = members -> largeToo || !largeRooms.isLarge(members.size());
        List<Room> roomsOfUser;
        try {
            roomsOfUser = tx.required(() -> rooms.roomsOf(user));
        } catch (RuntimeException e) {
            if (Errors.known(e).map(known -> known.code() != ErrorCode.UNAVAILABLE).orElse(true)) {
                throw e;
            }
            LOG.log(Level.FINE, "the database cannot be reached: presence goes to the co-members this node knows", e);
            return roomIndex.knownCoMembers(user, counted);
        }
        Set<String> audience = new TreeSet<>();
        for (Room room : roomsOfUser) {
            Set<String> members = roomIndex.members(room.id().value());
            if (counted.test(members)) {
                audience.addAll(members);
            }
        }
        audience.remove(user);
        return audience;
    }
}
