package io.huddle.streaming.application.reading;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.event.MarkedRead;
import io.huddle.streaming.application.rooms.RoomAccess;
import io.huddle.streaming.application.support.AfterCommit;
import io.huddle.streaming.application.support.Transactions;
import io.huddle.streaming.application.support.Validation;
import io.huddle.streaming.application.view.UnreadView;
import io.huddle.streaming.domain.room.ReadMarkers;
import io.huddle.streaming.domain.room.RoomId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Read markers and unread counts. A member marks a room read up to a seq (at most the room's latest; a marker
 * never moves back, so racing marks from two tabs end at the furthest); when it moves, every connection of the
 * member learns it with a {@code read} frame. Joining a room starts the marker at the room's latest seq. A user's
 * unread counts cover all their rooms in one read: the room's latest seq less the marker (messages of any author,
 * deleted ones included: seqs, not a history scan) and the mentions of the user after the marker. A user reads
 * only their own counts; trusted actors anyone's. Thread-safe.
 */
@ApplicationScoped
public class ReadService {

    @Inject
    Transactions tx;

    @Inject
    RoomAccess access;

    @Inject
    ReadMarkers markers;

    @Inject
    AfterCommit afterCommit;

    /** Moves {@code user}'s marker in the room forward to {@code seq}; returns the marker after the call. */
    public long markRead(Actor actor, RoomId id, String user, long seq) {
        actor.requireActsFor(user, "move another user's read marker");
        if (seq < 0) {
            throw Validation.bad("'seq' must be 0 or more");
        }
        return tx.required(() -> {
            access.room(id);
            ReadMarkers.Marked marked = markers.markRead(id, user, seq)
                    .orElseThrow(() -> access.notMember(id, user, "only members of room '" + id + "' have a read marker there"));
            if (marked.moved()) {
                afterCommit.fire(new MarkedRead(id.value(), user, marked.readSeq()));
            }
            return marked.readSeq();
        });
    }

    /** {@code user}'s unread counts in every room they are a member of, by room id. */
    public List<UnreadView> unread(Actor actor, String user) {
        actor.requireActsFor(user, "read another user's unread counts");
        return tx.required(() -> markers.unread(user).stream()
                .map(u -> new UnreadView(u.room().value(), u.count(), u.mentions(), u.lastSeq(), u.readSeq()))
                .toList());
    }
}
