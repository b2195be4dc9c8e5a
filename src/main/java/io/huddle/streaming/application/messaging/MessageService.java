package io.huddle.streaming.application.messaging;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.StreamingManager;
import io.huddle.streaming.application.event.MessageDeleted;
import io.huddle.streaming.application.event.MessageEdited;
import io.huddle.streaming.application.pins.PinService;
import io.huddle.streaming.application.rooms.RoomAccess;
import io.huddle.streaming.application.session.RateLimiter;
import io.huddle.streaming.application.support.AfterCommit;
import io.huddle.streaming.application.support.Transactions;
import io.huddle.streaming.application.support.Validation;
import io.huddle.streaming.application.view.HistoryView;
import io.huddle.streaming.application.view.MessageView;
import io.huddle.streaming.domain.message.HistoryQuery;
import io.huddle.streaming.domain.message.Message;
import io.huddle.streaming.domain.message.MessageRepository;
import io.huddle.streaming.domain.message.Reactions;
import io.huddle.streaming.domain.room.ModerationEntry;
import io.huddle.streaming.domain.room.ModerationRepository;
import io.huddle.streaming.domain.room.Role;
import io.huddle.streaming.domain.room.RoomId;
import io.huddle.streaming.domain.room.RoomMember;
import io.huddle.streaming.hub.SharedThreads;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Room messages: publishing (stored first, with the room's next seq, in transactions shared by concurrent
 * publishes; delivered and acknowledged only after commit), reading history, editing and deleting. Only members publish and edit; muted members and archived rooms do not, and a
 * banned user is told {@code banned}. History of a private room is for its members; of a public room, for any
 * user not banned from it. Edits and deletes: the author, or a moderator and above; a deleted message is unpinned. A user's publishes, edits
 * and deletes spend the user's message rate budget on every path (WebSocket, SSE, REST, {@link StreamingManager}).
 * Thread-safe.
 */
@ApplicationScoped
public class MessageService {

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
    PublishChecks checks;

    @Inject
    GroupCommit groupCommit;

    @Inject
    AfterCommit afterCommit;

    @Inject
    RateLimiter limiter;

    @Inject
    PinService pins;

    @Inject
    Reactions reactions;

    private final Clock clock = Clock.systemUTC();

    /**
     * Stores {@code request} in the room as the acting user (or {@code system}) and returns once it is stored. In
     * the caller's transaction, if there is one (the message is then delivered when that transaction commits);
     * otherwise in a transaction shared with other publishes arriving meanwhile (see {@link GroupCommit}).
     */
    public Published publish(Actor actor, RoomId id, PublishRequest request) {
        meter(actor);
        if (storeHere()) {
            return groupCommit.storeNow(actor, id, request);
        }
        Published published;
        try {
            published = groupCommit.submit(actor, id, request, true).join();
        } catch (CompletionException e) {
            throw unwrapped(e);
        }
        if (!published.duplicate()) {
            // The application's synchronous observers run on the publisher's thread, as for any other change.
            groupCommit.announceQuietly(id, published);
        }
        return published;
    }

    /**
     * Like {@link #publish}, without waiting: the stage completes once the message is stored and delivered, or
     * with the publish's error; the application's synchronous observers run on the container's executor, without
     * holding it up. A rate limit is still answered at once, by an exception. The stage completes on a writer's
     * thread (see {@link GroupCommit}): stages that depend on it must not wait for anything, least of all another
     * publish; {@link StreamingManager#saveMessageAsync} hands the result to the container's executor first.
     */
    public CompletableFuture<Published> publishAsync(Actor actor, RoomId id, PublishRequest request) {
        meter(actor);
        if (storeHere()) {
            try {
                return CompletableFuture.completedFuture(groupCommit.storeNow(actor, id, request));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return groupCommit.submit(actor, id, request, false);
    }

    /**
     * In the caller's transaction, or on a thread working for many connections (a writer's or a deliverer's, where
     * code that runs after a commit publishes and must not wait for a writer), a publish is stored at once.
     */
    private boolean storeHere() {
        return tx.isActive() || SharedThreads.onSharedThread();
    }

    private static RuntimeException unwrapped(CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return e;
    }

    /**
     * A page of history. Anyone who may read the room may page its messages, a thread's replies and their own
     * messages; only moderators and above may page another user's.
     */
    public HistoryView history(Actor actor, HistoryQuery query) {
        return tx.required(() -> {
            access.requireReader(actor, query.room(), "messages");
            query.author().ifPresent(Validation::userId);
            if (query.author().filter(author -> !author.equals(actor.name())).isPresent()) {
                access.requireRole(actor, query.room(), Role.MODERATOR, "list another user's messages");
            }
            var page = messages.page(query);
            Map<String, List<Reactions.Count>> counts = reactions.of(
                    page.messages().stream().map(Message::id).toList(), actor.name());
            return new HistoryView(page.messages().stream()
                    .map(m -> MessageView.of(m).withReactions(counts.getOrDefault(m.id(), List.of()))).toList(),
                    page.more());
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
            checks.requireStanding(actor, id, "edit messages");
            Message message = authorOrModerator(actor, id, messageId, "edit");
            checks.requireSize(data);
            Validation.json("data", data);
            InboundMessage inbound = filters.apply(new InboundMessage(id.value(), actor.name(), data,
                    message.event(), message.thread()));
            checks.requireSize(inbound.data());
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
            pins.deleted(id, messageId, actor.name());
        });
    }

    /** A user's publish, edit or delete spends one token of their message budget, whatever the path. */
    private void meter(Actor actor) {
        if (actor.isUser()) {
            limiter.acquire(actor.name(), RateLimiter.Budget.MESSAGES);
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
}
