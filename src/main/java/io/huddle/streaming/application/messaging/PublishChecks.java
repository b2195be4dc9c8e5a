package io.huddle.streaming.application.messaging;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.event.MessageStored;
import io.huddle.streaming.application.rooms.RoomAccess;
import io.huddle.streaming.application.support.AfterCommit;
import io.huddle.streaming.application.support.Validation;
import io.huddle.streaming.application.view.MessageView;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.domain.message.Appended;
import io.huddle.streaming.domain.message.Mentions;
import io.huddle.streaming.domain.message.MessageRepository;
import io.huddle.streaming.domain.message.NewMessage;
import io.huddle.streaming.domain.room.PublishStanding;
import io.huddle.streaming.domain.room.RoomId;
import io.huddle.streaming.hub.Traffic;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one publish must pass before it is stored, and what follows once it is: the same for a publish stored on
 * its own and for one sharing a transaction with others. Call within a transaction. Thread-safe.
 */
@ApplicationScoped
public class PublishChecks {

    private static final int MAX_EVENT = 64;
    private static final int MAX_KEY = 128;

    @Inject
    MessageRepository messages;

    @Inject
    RoomAccess access;

    @Inject
    MessageFilters filters;

    @Inject
    AfterCommit afterCommit;

    @Inject
    StreamingConfig config;

    @Inject
    SlowMode slowMode;

    @Inject
    Traffic traffic;

    private final Clock clock = Clock.systemUTC();

    /**
     * The message to store for {@code request}, once the actor's standing, the request's fields and every
     * {@link io.huddle.streaming.application.messaging.MessageFilter} allowed it; otherwise the error that says why not.
     * A failure here leaves the transaction as it was; the one write, a slow mode room's claim of the member's
     * next post, is the last check and is rolled back with the publish.
     */
    NewMessage draft(Actor actor, RoomId id, PublishRequest request) {
        return draft(actor, id, request, new Standings());
    }

    /**
     * {@link #draft(Actor, RoomId, PublishRequest)} for one of several publishes checked in the same transaction:
     * a user's standing in a room is read once for all of them.
     */
    NewMessage draft(Actor actor, RoomId id, PublishRequest request, Standings standings) {
        PublishStanding standing = requireStanding(actor, id, "publish", standings);
        requireSize(request.data());
        Validation.json("data", request.data());
        Validation.optionalText("event", request.event(), MAX_EVENT);
        Validation.optionalText("key", request.key(), MAX_KEY);
        request.thread().ifPresent(thread -> messages.find(id, thread).orElseThrow(() -> new HuddleException(
                ErrorCode.NOT_FOUND, "thread '" + thread + "' is not a message of room '" + id + "'")));
        InboundMessage inbound = filters.apply(new InboundMessage(id.value(), actor.name(), request.data(),
                request.event(), request.thread()));
        requireSize(inbound.data());
        NewMessage draft = new NewMessage(id, actor.name(), inbound.data(), inbound.event(), inbound.thread(),
                request.key(), Mentions.of(inbound.data(), mentioned(request), actor.name()));
        if (standing != null) {
            slowMode.claim(standing, draft);
        }
        return draft;
    }

    /**
     * The outcome of a stored draft; a new message (not a repeat) is delivered after commit, in the order of its
     * room's commits, and then announced to the application's observers.
     */
    Published stored(RoomId id, Appended appended) {
        return stored(id, appended, true);
    }

    /**
     * Like {@link #stored}, except that the application's observers are left to the caller: it {@link #announce}s
     * the message once the transaction committed, on a thread of its choice.
     */
    Published storedUnannounced(RoomId id, Appended appended) {
        return stored(id, appended, false);
    }

    private Published stored(RoomId id, Appended appended, boolean announce) {
        Published published = new Published(MessageView.of(appended.message()), appended.duplicate());
        if (!appended.duplicate()) {
            traffic.stored();
            afterCommit.orderBy("room:" + id.value());
            MessageStored event = event(id, published);
            if (announce) {
                afterCommit.fire(event);
            } else {
                afterCommit.deliver(event);
            }
        }
        return published;
    }

    /** Hands a committed new message to the application's observers, now (see {@link AfterCommit#announce}). */
    void announce(RoomId id, Published published) {
        afterCommit.announce(event(id, published));
    }

    /** Whether announcing a stored message (such as this one) runs application code on the calling thread. */
    boolean announcingBlocks(RoomId id, Published published) {
        return afterCommit.hasSynchronousObservers(event(id, published));
    }

    private static MessageStored event(RoomId id, Published published) {
        return new MessageStored(id.value(), published.message());
    }

    /**
     * What a publish and an edit both need: an open room and, for a user, membership ({@code banned} or
     * {@code forbidden} without it), no mute in force, and a role of moderator or above in a locked room.
     */
    public void requireStanding(Actor actor, RoomId id, String what) {
        requireStanding(actor, id, what, new Standings());
    }

    /** The user's standing once it allows {@code what}; {@code null} for a trusted actor, whom nothing limits. */
    private PublishStanding requireStanding(Actor actor, RoomId id, String what, Standings standings) {
        if (actor.isTrusted()) {
            access.requireOpen(access.room(id));
            return null;
        }
        PublishStanding standing = standings.of(id, actor.name(), access);
        if (!standing.member()) {
            throw access.notMember(id, actor.name(), "only members of room '" + id + "' may " + what + ": join first");
        }
        if (standing.mutedAt(clock.instant())) {
            throw new HuddleException(ErrorCode.MUTED, "you are muted in room '" + id + "'"
                    + standing.muteUntil().map(until -> " until " + until).orElse(""));
        }
        if (standing.blocked()) {
            // The same words for both users: the blocked one learns nothing but that it is refused.
            throw new HuddleException(ErrorCode.FORBIDDEN, "this direct conversation does not take messages now");
        }
        if (standing.locked() && !standing.exempt()) {
            throw new HuddleException(ErrorCode.FORBIDDEN, "room '" + id + "' is locked: only a moderator or above may "
                    + what + " until it is unlocked");
        }
        return standing;
    }

    /** The publishing standings read in one transaction, by room and user. Not thread-safe: one per batch. */
    static final class Standings {

        private final Map<String, PublishStanding> read = new HashMap<>();

        PublishStanding of(RoomId room, String user, RoomAccess access) {
            String key = room.value() + '\n' + user;
            PublishStanding standing = read.get(key);
            if (standing == null) {
                standing = access.standing(room, user);
                read.put(key, standing);
            }
            return standing;
        }
    }

    /** The users {@code request} names as mentioned, each a valid user id, at most {@link Mentions#MAX}. */
    private static List<String> mentioned(PublishRequest request) {
        if (request.mentions().size() > Mentions.MAX) {
            throw Validation.bad("a message mentions at most " + Mentions.MAX + " users");
        }
        request.mentions().forEach(Validation::userId);
        return request.mentions();
    }

    void requireSize(String data) {
        Validation.messageSize(data, config.maxMessageBytes());
    }
}
