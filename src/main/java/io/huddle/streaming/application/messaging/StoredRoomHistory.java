package io.huddle.streaming.application.messaging;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.StreamingManager;
import io.huddle.streaming.application.support.Validation;
import io.huddle.streaming.application.view.HistoryView;
import io.huddle.streaming.application.view.MessageView;
import io.huddle.streaming.domain.message.HistoryQuery;
import io.huddle.streaming.domain.room.RoomNotFoundException;
import io.huddle.streaming.hub.OutboundFrame;
import io.huddle.streaming.hub.RoomHistory;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@link RoomHistory} of the stored messages: pages of history read as the system, each message encoded as the
 * live {@code message} frame. Thread-safe.
 */
@ApplicationScoped
public class StoredRoomHistory implements RoomHistory {

    @Inject
    MessageService messages;

    @Inject
    StreamingManager manager;

    @Override
    public List<OutboundFrame> messages(String room, long after, long upTo) {
        List<OutboundFrame> frames = new ArrayList<>();
        try {
            var id = Validation.roomId(room);
            long from = after;
            boolean more = true;
            while (more && from < upTo) {
                HistoryView page = messages.history(Actor.system(), new HistoryQuery(id, OptionalLong.of(upTo + 1),
                        OptionalLong.of(from), HistoryQuery.MAX_LIMIT, Optional.empty(), Optional.empty()));
                for (MessageView m : page.messages()) {
                    // As it went out live: without the reactions it has since.
                    frames.add(OutboundFrame.roomMessage(room, m.seq(), MessageFrames.of(m.withReactions(List.of()))));
                    from = m.seq();
                }
                more = page.more() && !page.messages().isEmpty();
            }
        } catch (RoomNotFoundException e) {
            return List.of();
        } catch (HuddleException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
        return frames;
    }

    @Override
    public OptionalLong lastSeq(String room) {
        return manager.room(room).map(r -> OptionalLong.of(r.lastSeq())).orElse(OptionalLong.empty());
    }
}
