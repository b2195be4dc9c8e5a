package io.huddle.streaming.application.rooms;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.Features;
import io.huddle.streaming.application.StreamingManager;
import io.huddle.streaming.application.messaging.MessageFrames;
import io.huddle.streaming.application.messaging.MessageService;
import io.huddle.streaming.application.messaging.PublishRequest;
import io.huddle.streaming.application.presence.PresenceService;
import io.huddle.streaming.application.session.Reply;
import io.huddle.streaming.application.support.Validation;
import io.huddle.streaming.application.view.HistoryView;
import io.huddle.streaming.application.view.MemberView;
import io.huddle.streaming.application.view.MessageView;
import io.huddle.streaming.application.view.RoomPage;
import io.huddle.streaming.application.view.RoomView;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.domain.message.HistoryQuery;
import io.huddle.streaming.domain.room.RoomId;
import io.huddle.streaming.domain.room.RoomSearch;
import io.huddle.streaming.hub.Connection;
import io.huddle.streaming.hub.OutboundFrame;
import io.huddle.streaming.protocol.Frames;
import io.huddle.streaming.protocol.InboundCommand;
import io.huddle.streaming.protocol.JsonFields;
import io.huddle.streaming.protocol.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * The room commands of the wire protocol ({@code join}, {@code leave}, {@code publish} to a room, {@code edit},
 * {@code delete}, {@code history}, {@code who}, {@code room_mode}), the same for every transport. Each returns the command's
 * {@link Reply}. Thread-safe.
 */
@ApplicationScoped
public class RoomCommands {

    @Inject
    StreamingManager manager;

    /** Publishes directly: their answers are sent on the writer's thread, which nothing of this class waits on. */
    @Inject
    MessageService messages;

    @Inject
    MembershipService memberships;

    @Inject
    StreamingConfig config;

    @Inject
    PresenceService presence;

    @Inject
    Features features;

    /**
     * {@code join}: membership, then (with {@code since}) the missed messages, then the {@code ack}; live frames
     * of the room are held back meanwhile and released after the ack, so the connection sees every message once,
     * in seq order.
     */
    public Reply join(Connection connection, InboundCommand command) {
        features.requireRooms();
        JsonFields f = command.fields();
        String room = f.requireString("room");
        RoomId id = Validation.roomId(room);
        OptionalLong since = f.optionalLong("since", 0, Long.MAX_VALUE);
        Actor actor = Actor.user(connection.user());
        connection.roomStreams().hold(room);
        long upTo = 0;
        try {
            MemberView member = memberships.join(actor, id, connection.user(),
                    MemberOptions.member().withInvite(f.optionalString("invite").orElse(null)));
            upTo = manager.room(room).orElseThrow().lastSeq();
            JsonObjectBuilder ack = Jsons.createObjectBuilder().add("room", room)
                    .add("role", member.role().wireName()).add("seq", upTo);
            if (since.isPresent()) {
                ack.add("recovered", features.history() && replay(connection, actor, id, since.getAsLong(), upTo));
            }
            connection.roomStreams().skipTo(room, upTo);
            long released = upTo;
            return new Reply(Frames.ack(command.ref(), ack.build()), Optional.empty(),
                    () -> connection.roomStreams().release(room, released, connection::send));
        } catch (RuntimeException e) {
            connection.roomStreams().release(room, upTo, connection::send);
            throw e;
        }
    }

    /** Sends the room's messages after {@code since} up to {@code upTo}; returns whether none were missing. */
    private boolean replay(Connection connection, Actor actor, RoomId id, long since, long upTo) {
        if (since >= upTo) {
            return since == upTo;
        }
        if (upTo - since > config.replayLimit()) {
            return false;
        }
        boolean complete = true;
        long after = since;
        boolean more = true;
        while (more && after < upTo) {
            HistoryView page = manager.history(actor, new HistoryQuery(id, OptionalLong.of(upTo + 1), OptionalLong.of(after),
                    HistoryQuery.MAX_LIMIT, Optional.empty(), Optional.empty()));
            for (MessageView m : page.messages()) {
                complete &= m.seq() == after + 1;
                after = m.seq();
                if (connection.roomStreams().missing(id.value(), m.seq())) {
                    connection.send(OutboundFrame.roomMessage(id.value(), m.seq(), MessageFrames.of(m)));
                }
            }
            more = page.more() && !page.messages().isEmpty();
        }
        connection.roomStreams().replayed(id.value(), since, after);
        return complete && after == upTo;
    }

    /** {@code leave}. */
    public Reply leave(Connection connection, InboundCommand command) {
        features.requireRooms();
        String room = command.fields().requireString("room");
        manager.leave(Actor.user(connection.user()), room, connection.user());
        return ack(command, Jsons.createObjectBuilder().add("room", room));
    }

    /**
     * {@code publish} to a room: stored, then delivered to every member connection after commit; the reply
     * ({@code ack} with the message's id and seq) completes after that.
     */
    public CompletableFuture<Reply> publish(Connection connection, InboundCommand command, String room) {
        features.requireRooms();
        return messages.publishAsync(Actor.user(connection.user()), Validation.roomId(room),
                        PublishRequest.from(command.fields()))
                .thenApply(published -> ack(command, Jsons.createObjectBuilder().add("room", room)
                        .add("id", published.message().id()).add("seq", published.message().seq())));
    }

    /** {@code edit}. */
    public Reply edit(Connection connection, InboundCommand command) {
        features.requireRooms();
        features.requireHistory();
        JsonFields f = command.fields();
        String room = f.requireString("room");
        String id = f.requireString("id");
        String data = f.requireJson("data");
        manager.editMessage(Actor.user(connection.user()), room, id, data);
        return ack(command, Jsons.createObjectBuilder().add("room", room).add("id", id));
    }

    /** {@code delete}. */
    public Reply delete(Connection connection, InboundCommand command) {
        features.requireRooms();
        features.requireHistory();
        JsonFields f = command.fields();
        String room = f.requireString("room");
        String id = f.requireString("id");
        manager.deleteMessage(Actor.user(connection.user()), room, id);
        return ack(command, Jsons.createObjectBuilder().add("room", room).add("id", id));
    }

    /** {@code history}: a page of messages, oldest first. */
    public Reply history(Connection connection, InboundCommand command) {
        features.requireRooms();
        features.requireHistory();
        JsonFields f = command.fields();
        RoomId id = Validation.roomId(f.requireString("room"));
        HistoryView page = manager.history(Actor.user(connection.user()), new HistoryQuery(id,
                f.optionalLong("before", 1, Long.MAX_VALUE), f.optionalLong("after", 0, Long.MAX_VALUE),
                f.optionalInt("limit", 1, HistoryQuery.MAX_LIMIT).orElse(50), f.optionalString("query"),
                f.optionalString("thread"), f.optionalString("author")));
        JsonArrayBuilder messages = Jsons.createArrayBuilder();
        page.messages().forEach(m -> messages.add(MessageFrames.object(m)));
        return ack(command, Jsons.createObjectBuilder().add("room", id.value()).add("messages", messages)
                .add("more", page.more()));
    }

    /** {@code room_mode}: sets the room's slow mode and lock (moderator or above); the ack has the mode in force. */
    public Reply mode(Connection connection, InboundCommand command) {
        features.requireRooms();
        JsonFields f = command.fields();
        String room = f.requireString("room");
        RoomView view = manager.setRoomMode(Actor.user(connection.user()), room, RoomMode.from(f));
        return ack(command, Jsons.createObjectBuilder().add("room", room).add("slowModeMs", view.slowModeMs())
                .add("locked", view.locked()));
    }

    /**
     * {@code rooms}: room discovery, as the REST room list: the rooms matching {@code query}, {@code tag} and
     * {@code category}, in id order after {@code after}, each with its member count; {@code more} when another page
     * follows.
     */
    public Reply rooms(Connection connection, InboundCommand command) {
        features.requireRooms();
        JsonFields f = command.fields();
        RoomPage page = manager.discoverRooms(Actor.user(connection.user()),
                new RoomSearch(f.optionalString("query"), f.optionalString("tag"), f.optionalString("category")),
                f.optionalString("after"), f.optionalInt("limit", 1, 200).orElse(50), false);
        JsonArrayBuilder rooms = Jsons.createArrayBuilder();
        page.rooms().forEach(r -> rooms.add(RoomFrames.listing(r)));
        return ack(command, Jsons.createObjectBuilder().add("rooms", rooms).add("more", page.more()));
    }

    /** {@code who}: the members with their presence. */
    public Reply who(Connection connection, InboundCommand command) {
        features.requireRooms();
        String room = command.fields().requireString("room");
        JsonArrayBuilder members = Jsons.createArrayBuilder();
        for (MemberView m : manager.members(Actor.user(connection.user()), room)) {
            members.add(Jsons.createObjectBuilder().add("user", m.user()).add("role", m.role().wireName())
                    .add("status", presence.statusSeenBy(m.user(), connection.user())));
        }
        return ack(command, Jsons.createObjectBuilder().add("room", room).add("members", members));
    }

    private static Reply ack(InboundCommand command, JsonObjectBuilder fields) {
        return Reply.ok(Frames.ack(command.ref(), fields.build()));
    }
}
