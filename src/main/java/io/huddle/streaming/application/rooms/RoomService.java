package io.huddle.streaming.application.rooms;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.event.MemberJoined;
import io.huddle.streaming.application.event.RoomCreated;
import io.huddle.streaming.application.event.RoomDeleted;
import io.huddle.streaming.application.event.RoomUpdated;
import io.huddle.streaming.application.support.AfterCommit;
import io.huddle.streaming.application.support.Transactions;
import io.huddle.streaming.application.support.Validation;
import io.huddle.streaming.application.view.MemberView;
import io.huddle.streaming.application.view.RoomListing;
import io.huddle.streaming.application.view.RoomPage;
import io.huddle.streaming.application.view.RoomView;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.domain.UserId;
import io.huddle.streaming.domain.room.DirectRooms;
import io.huddle.streaming.domain.room.ModerationEntry;
import io.huddle.streaming.domain.room.ModerationRepository;
import io.huddle.streaming.domain.room.Role;
import io.huddle.streaming.domain.room.Room;
import io.huddle.streaming.domain.room.RoomId;
import io.huddle.streaming.domain.room.RoomMember;
import io.huddle.streaming.domain.room.RoomRepository;
import io.huddle.streaming.domain.room.RoomSearch;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Creating, reading, changing, archiving and deleting rooms. Each method is one transaction; events fire after
 * it commits. Permissions as documented on {@link RoomAccess}. Thread-safe.
 */
@ApplicationScoped
public class RoomService {

    @Inject
    Transactions tx;

    @Inject
    RoomRepository rooms;

    @Inject
    ModerationRepository moderation;

    @Inject
    RoomAccess access;

    @Inject
    AfterCommit afterCommit;

    @Inject
    StreamingConfig config;

    private final Clock clock = Clock.systemUTC();

    /** Creates a room owned by the acting user (or, for a trusted actor, by {@code options.owner()}, by default itself). */
    public RoomView create(Actor actor, RoomOptions options) {
        return tx.required(() -> {
            String owner = ownerOf(actor, options);
            String name = Validation.text("name", options.name(), Validation.MAX_NAME);
            RoomId id = options.id().map(RoomId::of).orElseGet(() -> generateId(name));
            if (DirectRooms.isDirectId(id)) {
                throw Validation.bad("room ids starting with '" + DirectRooms.PREFIX + "' are kept for direct conversations");
            }
            if (rooms.find(id).isPresent()) {
                throw new HuddleException(ErrorCode.CONFLICT, "a room with id '" + id + "' already exists");
            }
            rooms.lockUser(owner);
            if (rooms.countRoomsOf(owner) >= config.roomsPerUser()) {
                throw new HuddleException(ErrorCode.LIMIT_EXCEEDED,
                        "'" + owner + "' is already in " + config.roomsPerUser() + " rooms, the most allowed");
            }
            Instant now = clock.instant();
            Room room = new Room(id, name, owner, now);
            room.describe(Validation.optionalText("description", options.description(), Validation.MAX_DESCRIPTION)
                    .orElse(null), now);
            room.makePrivate(options.isPrivate(), now);
            room.limitMembers(Validation.positive("maxMembers", options.maxMembers()).orElse(null), now);
            room.attachMetadata(Validation.jsonObject("metadata", options.metadata()).orElse(null), now);
            room.tag(Validation.tags(options.tags()), now);
            room.categorize(Validation.optionalText("category", options.category(), Validation.MAX_CATEGORY)
                    .filter(c -> !c.isBlank()).orElse(null), now);
            rooms.add(room);
            RoomMember ownerMember = new RoomMember(id, owner, Role.OWNER, now);
            rooms.addMember(ownerMember);
            moderation.log(new ModerationEntry(id, actor.name(), "created", null, null, now));
            RoomView view = RoomView.of(room);
            afterCommit.fire(new RoomCreated(id.value(), view, actor.name()));
            afterCommit.fire(new MemberJoined(id.value(), MemberView.of(ownerMember)));
            return view;
        });
    }

    /** The room, if it exists. */
    public Optional<RoomView> find(RoomId id) {
        return tx.required(() -> {
            return rooms.find(id).map(RoomView::of);
        });
    }

    /**
     * The room as {@code actor} may see it: {@code not_found} if it does not exist; a private room only for its
     * members and trusted actors ({@code banned} or {@code forbidden} for anyone else).
     */
    public RoomView get(Actor actor, RoomId id) {
        return tx.required(() -> {
            Room room = access.room(id);
            if (room.isPrivate() && actor.isUser() && access.member(id, actor.name()).isEmpty()) {
                throw access.notMember(id, actor.name(), "room '" + id + "' is private: it is shown to its members");
            }
            return RoomView.of(room);
        });
    }

    /**
     * Rooms by id after {@code after}, at most {@code limit} (1 to 200); archived ones only if asked. A user sees
     * the public rooms and the private rooms they are a member of; trusted actors see every room.
     */
    public List<RoomView> list(Actor actor, Optional<RoomId> after, int limit, boolean includeArchived) {
        return tx.required(() -> {
            if (limit < 1 || limit > 200) {
                throw Validation.bad("field 'limit' must be between 1 and 200");
            }
            Optional<String> viewer = actor.isUser() ? actor.user() : Optional.empty();
            return rooms.list(after, limit, includeArchived, viewer).stream().map(RoomView::of).toList();
        });
    }

    /**
     * The rooms matching {@code search}, by id after {@code after}, at most {@code limit} (1 to 200), each with its
     * member count, as {@link #list} shows rooms to {@code actor}: private rooms only to their members.
     */
    public RoomPage discover(Actor actor, RoomSearch search, Optional<RoomId> after, int limit, boolean includeArchived) {
        Validation.between("limit", limit, 1, 200);
        RoomSearch valid = new RoomSearch(search.text().map(t -> Validation.text("query", t, Validation.MAX_NAME)),
                search.tag().map(t -> Validation.tags(List.of(t)).get(0)),
                search.category().map(c -> Validation.text("category", c, Validation.MAX_CATEGORY)));
        return tx.required(() -> {
            Optional<String> viewer = actor.isUser() ? actor.user() : Optional.empty();
            List<RoomListing> found = rooms.discover(valid, after, limit + 1, includeArchived, viewer).stream()
                    .map(listed -> new RoomListing(RoomView.of(listed.room()), listed.members())).toList();
            return new RoomPage(found.subList(0, Math.min(limit, found.size())), found.size() > limit);
        });
    }

    /** The rooms {@code user} is a member of. */
    public List<RoomView> roomsOf(String user) {
        return tx.required(() -> {
            return rooms.roomsOf(UserId.of(user).value()).stream().map(RoomView::of).toList();
        });
    }

    /** Applies {@code update}; admin or above. */
    public RoomView update(Actor actor, RoomId id, RoomUpdate update) {
        return tx.required(() -> {
            Room room = access.room(id);
            access.requireRole(actor, id, Role.ADMIN, "change the room");
            Instant now = clock.instant();
            update.name().ifPresent(n -> room.rename(Validation.text("name", n, Validation.MAX_NAME), now));
            update.description().ifPresent(d -> room.describe(
                    Validation.optionalText("description", d, Validation.MAX_DESCRIPTION).orElse(null), now));
            update.isPrivate().ifPresent(p -> room.makePrivate(p, now));
            update.maxMembers().ifPresent(m -> room.limitMembers(Validation.positive("maxMembers", m).orElse(null), now));
            update.metadata().ifPresent(m -> room.attachMetadata(Validation.jsonObject("metadata", m).orElse(null), now));
            update.tags().ifPresent(t -> room.tag(Validation.tags(t), now));
            update.category().ifPresent(c -> room.categorize(Validation.optionalText("category", c,
                    Validation.MAX_CATEGORY).filter(x -> !x.isBlank()).orElse(null), now));
            return changed(actor, room, "updated", now);
        });
    }

    /**
     * Applies {@code mode} (slow mode, lock); moderator or above. Announced to the room like any other change.
     */
    public RoomView setMode(Actor actor, RoomId id, RoomMode mode) {
        if (mode.isEmpty()) {
            throw Validation.bad("give 'slowModeMs', 'locked' or both");
        }
        return tx.required(() -> {
            Room room = access.room(id);
            access.requireRole(actor, id, Role.MODERATOR, "change the room's mode");
            access.requireOpen(room);
            Instant now = clock.instant();
            mode.slowModeMs().ifPresent(ms -> room.slowDown(Validation.between("slowModeMs", ms, 0,
                    RoomMode.MAX_SLOW_MODE_MS), now));
            mode.locked().ifPresent(locked -> room.lock(locked, now));
            return changed(actor, room, "updated", now);
        });
    }

    /** Archives the room: it stays readable, but nobody joins or publishes. Admin or above. */
    public RoomView archive(Actor actor, RoomId id) {
        return tx.required(() -> {
            Room room = access.room(id);
            access.requireRole(actor, id, Role.ADMIN, "archive the room");
            Instant now = clock.instant();
            room.archive(now);
            return changed(actor, room, "archived", now);
        });
    }

    /** Restores an archived room. Admin or above. */
    public RoomView restore(Actor actor, RoomId id) {
        return tx.required(() -> {
            Room room = access.room(id);
            access.requireRole(actor, id, Role.ADMIN, "restore the room");
            Instant now = clock.instant();
            room.restore(now);
            return changed(actor, room, "restored", now);
        });
    }

    /** Deletes the room with its members, bans, invites and messages. Owner only. */
    public void delete(Actor actor, RoomId id) {
        tx.required(() -> {
            Room room = access.room(id);
            access.requireRole(actor, id, Role.OWNER, "delete the room");
            moderation.log(new ModerationEntry(id, actor.name(), "deleted", null, null, clock.instant()));
            rooms.remove(room);
            afterCommit.fire(new RoomDeleted(id.value(), actor.name()));
        });
    }

    private RoomView changed(Actor actor, Room room, String action, Instant now) {
        moderation.log(new ModerationEntry(room.id(), actor.name(), action, null, null, now));
        RoomView view = RoomView.of(room);
        afterCommit.fire(new RoomUpdated(room.id().value(), view, actor.name()));
        return view;
    }

    private static String ownerOf(Actor actor, RoomOptions options) {
        if (actor.isTrusted()) {
            return UserId.of(options.owner().or(actor::user)
                    .orElseThrow(() -> Validation.bad("field 'owner' is required"))).value();
        }
        options.owner().filter(o -> !o.equals(actor.name())).ifPresent(o -> {
            throw new HuddleException(ErrorCode.FORBIDDEN, "a user creates rooms owned by themselves");
        });
        return actor.name();
    }

    private RoomId generateId(String name) {
        String base = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        base = base.isEmpty() ? "room" : base.substring(0, Math.min(base.length(), 48));
        if (base.startsWith(DirectRooms.PREFIX)) {
            base = "room-" + base;
        }
        RoomId candidate = RoomId.of(base);
        while (rooms.find(candidate).isPresent()) {
            candidate = RoomId.of(base + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 30), 36));
        }
        return candidate;
    }
}
