package io.huddle.streaming.application.reactions;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.event.ReactionChanged;
import io.huddle.streaming.application.messaging.PublishChecks;
import io.huddle.streaming.application.support.AfterCommit;
import io.huddle.streaming.application.support.Transactions;
import io.huddle.streaming.application.support.Validation;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.domain.message.Message;
import io.huddle.streaming.domain.message.MessageRepository;
import io.huddle.streaming.domain.message.Reactions;
import io.huddle.streaming.domain.room.RoomId;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.regex.Pattern;

/**
 * Reactions to messages. A member who may publish in the room (the same checks as a publish: not muted, the room
 * open, not locked for them, not a blocked direct conversation) adds or removes a reaction: an emoji or a short name, 1 to {@value #MAX_LENGTH} characters without spaces. Each user
 * gives a reaction once per message (adding it again changes nothing and announces nothing); a message takes at
 * most {@code streaming.limits.reactions-per-message} distinct reactions ({@code limit_exceeded} for one more), a
 * limit that holds under concurrent reactions (the message's row is locked meanwhile). Deleted messages take no
 * reactions. Every change is announced to the room after commit. Thread-safe.
 */
@ApplicationScoped
public class ReactionService {

    /** The longest reaction, in characters. */
    public static final int MAX_LENGTH = 32;

    private static final Pattern REACTION = Pattern.compile("[^\\s\\p{Cc}]{1," + MAX_LENGTH + "}");

    @Inject
    Transactions tx;

    @Inject
    PublishChecks checks;

    @Inject
    MessageRepository messages;

    @Inject
    Reactions reactions;

    @Inject
    AfterCommit afterCommit;

    @Inject
    StreamingConfig config;

    private final Clock clock = Clock.systemUTC();

    /** Adds {@code actor}'s {@code reaction} to the message; returns how many users now gave it. */
    public long add(Actor actor, RoomId id, String messageId, String reaction) {
        String valid = valid(reaction);
        return tx.required(() -> {
            Message message = target(actor, id, messageId);
            if (!reactions.add(id.value(), message.id(), actor.name(), valid, clock.instant())) {
                return reactions.count(message.id(), valid);
            }
            long distinct = reactions.distinct(message.id());
            if (distinct > config.reactionsPerMessage()) {
                throw new HuddleException(ErrorCode.LIMIT_EXCEEDED, "message '" + messageId + "' has "
                        + config.reactionsPerMessage() + " different reactions, the most allowed");
            }
            long count = reactions.count(message.id(), valid);
            afterCommit.fire(new ReactionChanged(id.value(), message.id(), valid, actor.name(), true, count));
            return count;
        });
    }

    /** Removes {@code actor}'s {@code reaction} from the message; {@code not_found} if they had not given it. */
    public long remove(Actor actor, RoomId id, String messageId, String reaction) {
        String valid = valid(reaction);
        return tx.required(() -> {
            Message message = target(actor, id, messageId);
            if (!reactions.remove(message.id(), actor.name(), valid)) {
                throw new HuddleException(ErrorCode.NOT_FOUND, "you have not reacted '" + valid + "' to message '"
                        + messageId + "'");
            }
            long count = reactions.count(message.id(), valid);
            afterCommit.fire(new ReactionChanged(id.value(), message.id(), valid, actor.name(), false, count));
            return count;
        });
    }

    /** The message, locked, once the actor may react in its room. */
    private Message target(Actor actor, RoomId id, String messageId) {
        if (actor.isSystem()) {
            throw Validation.bad("reactions are given by users (an administrator reacts under their own name)");
        }
        checks.requireStanding(actor, id, "react to messages");
        return messages.findForUpdate(id, messageId).filter(m -> !m.isDeleted())
                .orElseThrow(() -> new HuddleException(ErrorCode.NOT_FOUND,
                        "message '" + messageId + "' is not in room '" + id + "'"));
    }

    private static String valid(String reaction) {
        if (reaction == null || !REACTION.matcher(reaction).matches()) {
            throw Validation.bad("a reaction is 1 to " + MAX_LENGTH + " characters without spaces (an emoji or a short name)");
        }
        return reaction;
    }
}
