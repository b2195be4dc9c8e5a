package io.huddle.streaming.application;

import io.huddle.streaming.application.event.MessageDeleted;
import io.huddle.streaming.application.event.MessageEdited;
import io.huddle.streaming.application.event.MessageStored;
import io.huddle.streaming.application.support.AfterCommit;
import io.huddle.streaming.application.support.Transactions;
import io.huddle.streaming.application.support.Validation;
import io.huddle.streaming.application.view.HistoryView;
import io.huddle.streaming.application.view.MessageView;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.domain.message.Appended;
import io.huddle.streaming.domain.message.HistoryQuery;
import io.huddle.streaming.domain.message.Message;
import io.huddle.streaming.domain.message.MessageRepository;
import io.huddle.streaming.domain.message.NewMessage;
import io.huddle.streaming.domain.room.ModerationEntry;
import io.huddle.streaming.domain.room.ModerationRepository;
import io.huddle.streaming.domain.room.PublishStanding;
import io.huddle.streaming.domain.room.Role;
import io.huddle.streaming.domain.room.Room;
import io.huddle.streaming.domain.room.RoomId;
import io.huddle.streaming.domain.room.RoomMember;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Room messages: publishing (stored first, with the room's next seq, delivered only after commit), reading
 * history, editing and deleting. Only members publish and edit; muted members and archived rooms do not, and a
 * banned user is told {@code banned}. History of a private room is for its members; of a public room, for any
 * user not banned from it. Edits and deletes: the author, or a moderator and above. A user's publishes, edits
 * and deletes spend the user's message rate budget on every path (WebSocket, SSE, REST, {@link StreamingManager}).
 * Thread-safe.
 */
@ApplicationScoped
public class MessageService {

    private static final int MAX_EVENT = 64;
    private static final int MAX_KEY = 128;

    @Inject
    Transactions tx;

    @Inject
    MessageRepository messages;

    @Inject
    ModerationRepository moderation;

    @Inject
    RoomAccess access;

    @Inject
    MessageFilters filters;

    @Inject
    AfterCommit afterCommit;

    @Inject
    StreamingConfig config;

    @Inject
    RateLimiter limiter;

    private final Clock clock = Clock.systemUTC();

    /** Stores {@code request} in the room as the acting user (or {@code system}). */
    public Published publish(Actor actor, RoomId id, PublishRequest request) {
        meter(actor);
        return tx.required(() -> {
            requireStanding(actor, id, "publish");
            requireSize(request.data());
            Validation.json("data", request.data());
            Validation.optionalText("event", request.event(), MAX_EVENT);
            Validation.optionalText("key", request.key(), MAX_KEY);
            request.thread().ifPresent(thread -> messages.find(id, thread).orElseThrow(() -> new HuddleException(
                    ErrorCode.NOT_FOUND, "thread '" + thread + "' is not a message of room '" + id + "'")));
            InboundMessage inbound = filters.apply(new InboundMessage(id.value(), actor.name(), request.data(),
                    request.event(), request.thread()));
            requireSize(inbound.data());
            Appended appended = messages.append(new NewMessage(id, actor.name(), inbound.data(), inbound.event(),
                    inbound.thread(), request.key()), config.dedupWindow(), config.historyEnabled());
            MessageView view = MessageView.of(appended.message());
            if (!appended.duplicate()) {
                afterCommit.orderBy("room:" + id.value());
                afterCommit.fire(new MessageStored(id.value(), view));
            }
            return new Published(view, appended.duplicate());
        });
    }

    /** A page of history. */
    public HistoryView history(Actor actor, HistoryQuery query) {
        return tx.required(() -> {
            Room room = access.room(query.room());
            if (actor.isUser() && access.member(query.room(), actor.name()).isEmpty()) {
                if (room.isPrivate()) {
                    throw access.notMember(query.room(), actor.name(),
                            "the history of private room '" + query.room() + "' is for its members");
                }
                access.requireNotBanned(query.room(), actor.name());
            }
            var page = messages.page(query);
            return new HistoryView(page.messages().stream().map(MessageView::of).toList(), page.more());
        });
    }

    /**
     * Replaces the data of message {@code messageId}. The new data passes the same checks as a publish: the
     * size limit, the actor's standing (member, not muted; the author or a moderator) and every
     * {@link MessageFilter}, which sees it with the message's event and thread.
     */
    public MessageView edit(Actor actor, RoomId id, String messageId, String data) {
        meter(actor);
        return tx.required(() -> {
            requireStanding(actor, id, "edit messages");
            Message message = authorOrModerator(actor, id, messageId, "edit");
            requireSize(data);
            Validation.json("data", data);
            InboundMessage inbound = filters.apply(new InboundMessage(id.value(), actor.name(), data,
                    message.event(), message.thread()));
            requireSize(inbound.data());
            message.edit(inbound.data(), clock.instant());
            MessageView view = MessageView.of(message);
            afterCommit.fire(new MessageEdited(id.value(), view, actor.name()));
            return view;
        });
    }

    /** Deletes message {@code messageId}: its data is cleared, its seq stays taken. */
    public void delete(Actor actor, RoomId id, String messageId) {
        meter(actor);
        tx.required(() -> {
            if (actor.isUser() && access.member(id, actor.name()).isEmpty()) {
                access.requireNotBanned(id, actor.name());
            }
            Message message = authorOrModerator(actor, id, messageId, "delete");
            Instant now = clock.instant();
            message.delete(now);
            if (!message.user().equals(actor.name())) {
                moderation.log(new ModerationEntry(id, actor.name(), "message_deleted", message.user(), messageId, now));
            }
            afterCommit.fire(new MessageDeleted(id.value(), messageId, actor.name()));
        });
    }

    /** A user's publish, edit or delete spends one token of their message budget, whatever the path. */
    private void meter(Actor actor) {
        if (actor.isUser()) {
            limiter.acquire(actor.name(), RateLimiter.Budget.MESSAGES);
        }
    }

    /**
     * What a publish and an edit both need: an open room and, for a user, membership ({@code banned} or
     * {@code forbidden} without it) and no mute in force.
     */
    private void requireStanding(Actor actor, RoomId id, String what) {
        if (actor.isTrusted()) {
            access.requireOpen(access.room(id));
            return;
        }
        PublishStanding standing = access.standing(id, actor.name());
        if (!standing.member()) {
            throw access.notMember(id, actor.name(), "only members of room '" + id + "' may " + what + ": join first");
        }
        if (standing.mutedAt(clock.instant())) {
            throw new HuddleException(ErrorCode.MUTED, "you are muted in room '" + id + "'"
                    + standing.muteUntil().map(until -> " until " + until).orElse(""));
        }
    }

    private Message authorOrModerator(Actor actor, RoomId id, String messageId, String what) {
        access.requireOpen(access.room(id));
        Message message = messages.find(id, messageId).filter(m -> !m.isDeleted())
                .orElseThrow(() -> new HuddleException(ErrorCode.NOT_FOUND,
                        "message '" + messageId + "' is not in room '" + id + "'"));
        if (actor.isTrusted() || message.user().equals(actor.name())) {
            return message;
        }
        Optional<Role> role = access.member(id, actor.name()).map(RoomMember::role);
        if (role.isEmpty() || !role.get().atLeast(Role.MODERATOR)) {
            throw new HuddleException(ErrorCode.FORBIDDEN, "only the author or a moderator may " + what + " this message");
        }
        return message;
    }

    private void requireSize(String data) {
        Validation.messageSize(data, config.maxMessageBytes());
    }
}
