package io.huddle.streaming.application.pins;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.event.MessagePinned;
import io.huddle.streaming.application.event.MessageUnpinned;
import io.huddle.streaming.application.rooms.RoomAccess;
import io.huddle.streaming.application.support.AfterCommit;
import io.huddle.streaming.application.support.Transactions;
import io.huddle.streaming.application.view.PinView;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.domain.message.Message;
import io.huddle.streaming.domain.message.MessageRepository;
import io.huddle.streaming.domain.message.Pin;
import io.huddle.streaming.domain.message.PinRepository;
import io.huddle.streaming.domain.room.Role;
import io.huddle.streaming.domain.room.Room;
import io.huddle.streaming.domain.room.RoomId;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Pinned messages. Moderators and above pin and unpin the messages of an open (not archived) room, up to
 * {@code streaming.limits.pins-per-room} at once ({@code limit_exceeded} beyond); pinning a pinned message
 * changes nothing and announces nothing. A deleted message cannot be pinned, and deleting a pinned message unpins
 * it. Whoever may read a room's history may list its pins. Pins of one room are changed one at a time (under the
 * room's row lock), so the limit holds under concurrent pins. Thread-safe.
 */
@ApplicationScoped
public class PinService {

    @Inject
    Transactions tx;

    @Inject
    RoomAccess access;

    @Inject
    MessageRepository messages;

    @Inject
    PinRepository pins;

    @Inject
    AfterCommit afterCommit;

    @Inject
    StreamingConfig config;

    private final Clock clock = Clock.systemUTC();

    /** Pins message {@code messageId}; returns the pin (the earlier one if it was pinned already). */
    public PinView pin(Actor actor, RoomId id, String messageId) {
        return tx.required(() -> {
            Room room = lockedOpenRoom(actor, id, "pin messages");
            // Locked, so a delete racing this pin either comes first (and this finds the message deleted) or finds the pin.
            Message message = messages.findForUpdate(id, messageId).filter(m -> !m.isDeleted())
                    .orElseThrow(() -> new HuddleException(ErrorCode.NOT_FOUND,
                            "message '" + messageId + "' is not in room '" + id + "'"));
            Optional<Pin> earlier = pins.find(id, messageId);
            if (earlier.isPresent()) {
                return PinView.of(new PinRepository.Pinned(earlier.get(), message));
            }
            int max = config.pinsPerRoom();
            if (pins.count(id) >= max) {
                throw new HuddleException(ErrorCode.LIMIT_EXCEEDED, "room '" + room.id() + "' has " + max
                        + " pinned messages, the most allowed: unpin one first");
            }
            Pin pin = new Pin(message, actor.name(), clock.instant());
            pins.add(pin);
            PinView view = PinView.of(new PinRepository.Pinned(pin, message));
            afterCommit.fire(new MessagePinned(id.value(), view));
            return view;
        });
    }

    /** Unpins message {@code messageId}; {@code not_found} if it is not pinned. */
    public void unpin(Actor actor, RoomId id, String messageId) {
        tx.required(() -> {
            lockedOpenRoom(actor, id, "unpin messages");
            if (!pins.remove(id, messageId)) {
                throw new HuddleException(ErrorCode.NOT_FOUND,
                        "message '" + messageId + "' is not pinned in room '" + id + "'");
            }
            afterCommit.fire(new MessageUnpinned(id.value(), messageId, actor.name()));
        });
    }

    /** The room's pinned messages, the latest pinned first. */
    public List<PinView> pins(Actor actor, RoomId id) {
        return tx.required(() -> {
            access.requireReader(actor, id, "pins");
            return pins.of(id).stream().map(PinView::of).toList();
        });
    }

    /**
     * Within the caller's transaction, unpins message {@code messageId} because {@code by} deleted it, announcing
     * it after commit if it was pinned.
     */
    public void deleted(RoomId id, String messageId, String by) {
        if (pins.remove(id, messageId)) {
            afterCommit.fire(new MessageUnpinned(id.value(), messageId, by));
        }
    }

    private Room lockedOpenRoom(Actor actor, RoomId id, String what) {
        Room room = access.roomForUpdate(id);
        access.requireRole(actor, id, Role.MODERATOR, what);
        access.requireOpen(room);
        return room;
    }
}
