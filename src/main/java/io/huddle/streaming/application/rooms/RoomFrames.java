package io.huddle.streaming.application.rooms;

import io.huddle.streaming.application.event.MarkedRead;
import io.huddle.streaming.application.event.MemberBanned;
import io.huddle.streaming.application.event.MemberJoined;
import io.huddle.streaming.application.event.MemberKicked;
import io.huddle.streaming.application.event.MemberLeft;
import io.huddle.streaming.application.event.MemberMuted;
import io.huddle.streaming.application.event.MemberRoleChanged;
import io.huddle.streaming.application.event.MemberUnbanned;
import io.huddle.streaming.application.event.MemberUnmuted;
import io.huddle.streaming.application.event.MessageDeleted;
import io.huddle.streaming.application.event.MessageEdited;
import io.huddle.streaming.application.event.MessagePinned;
import io.huddle.streaming.application.event.MessageStored;
import io.huddle.streaming.application.event.MessageUnpinned;
import io.huddle.streaming.application.event.OwnershipTransferred;
import io.huddle.streaming.application.event.ReactionChanged;
import io.huddle.streaming.application.event.RoomDeleted;
import io.huddle.streaming.application.event.RoomUpdated;
import io.huddle.streaming.application.messaging.MessageFrames;
import io.huddle.streaming.application.pins.PinFrames;
import io.huddle.streaming.application.reactions.ReactionCommands;
import io.huddle.streaming.application.reading.ReadCommands;
import io.huddle.streaming.application.support.CommitListener;
import io.huddle.streaming.application.view.MessageView;
import io.huddle.streaming.application.view.RoomListing;
import io.huddle.streaming.application.view.RoomView;
import io.huddle.streaming.hub.Broker;
import io.huddle.streaming.hub.Envelope;
import io.huddle.streaming.hub.MembershipChange;
import io.huddle.streaming.hub.OutboundFrame;
import io.huddle.streaming.protocol.Frames;
import io.huddle.streaming.protocol.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.List;

/**
 * Turns committed room events into frames for the room's connections, on every node: {@code message},
 * {@code edited}, {@code deleted}, {@code pin}, {@code reaction}, {@code member} and {@code room} to the room; {@code read} to the
 * reader's own connections. Each frame is encoded once and published
 * to the {@link Broker}. Runs right after commit, in commit order for a room ({@link CommitListener}), so clients
 * only see what the database has, in seq order.
 */
@ApplicationScoped
public class RoomFrames implements CommitListener {

    @Inject
    Broker broker;

    @Override
    public void committed(Object event) {
        if (event instanceof MessageStored e) {
            stored(e);
        } else if (event instanceof MessageEdited e) {
            edited(e);
        } else if (event instanceof MessageDeleted e) {
            deleted(e);
        } else if (event instanceof MessagePinned e) {
            toRoom(e.room(), "pin", PinFrames.pinned(e.room(), e.pin()));
        } else if (event instanceof MessageUnpinned e) {
            toRoom(e.room(), "pin", PinFrames.unpinned(e.room(), e.id(), e.by()));
        } else if (event instanceof ReactionChanged e) {
            toRoom(e.room(), "reaction", ReactionCommands.frame(e));
        } else if (event instanceof MarkedRead e) {
            broker.publish(Envelope.toUsers(List.of(e.user()), OutboundFrame.of("read", ReadCommands.frame(e.room(), e.seq()))));
        } else if (event instanceof MemberJoined e) {
            joined(e);
        } else if (event instanceof MemberLeft e) {
            left(e);
        } else if (event instanceof MemberKicked e) {
            kicked(e);
        } else if (event instanceof MemberBanned e) {
            banned(e);
        } else if (event instanceof MemberUnbanned e) {
            unbanned(e);
        } else if (event instanceof MemberMuted e) {
            muted(e);
        } else if (event instanceof MemberUnmuted e) {
            unmuted(e);
        } else if (event instanceof MemberRoleChanged e) {
            roleChanged(e);
        } else if (event instanceof OwnershipTransferred e) {
            ownerChanged(e);
        } else if (event instanceof RoomUpdated e) {
            updated(e);
        } else if (event instanceof RoomDeleted e) {
            deleted(e);
        }
    }

    void stored(MessageStored event) {
        MessageView m = event.message();
        broker.publish(Envelope.toRoom(m.room(), OutboundFrame.roomMessage(m.room(), m.seq(), MessageFrames.of(m))));
    }

    void edited(MessageEdited event) {
        toRoom(event.room(), "edited", Frames.edited(event.room(), event.message().id(), event.message().data(), event.by()));
    }

    void deleted(MessageDeleted event) {
        toRoom(event.room(), "deleted", Frames.deleted(event.room(), event.id(), event.by()));
    }

    void joined(MemberJoined event) {
        membership(event.room(), MembershipChange.plain(event.member().user(), true), Frames.member(event.room(),
                event.member().user(), "joined", event.member().role().wireName(), null, null));
    }

    void left(MemberLeft event) {
        membership(event.room(), MembershipChange.plain(event.user(), false),
                Frames.member(event.room(), event.user(), "left", null, null, null));
    }

    void kicked(MemberKicked event) {
        membership(event.room(), MembershipChange.ended(event.user()), Frames.member(event.room(), event.user(), "kicked", null,
                event.by(), event.reason().orElse(null)));
    }

    void banned(MemberBanned event) {
        membership(event.room(), MembershipChange.ended(event.ban().user()), Frames.member(event.room(), event.ban().user(), "banned",
                null, event.ban().bannedBy(), event.ban().reason().orElse(null)));
    }

    void unbanned(MemberUnbanned event) {
        membership(event.room(), MembershipChange.ended(event.user()),
                Frames.member(event.room(), event.user(), "unbanned", null, event.by(), null));
    }

    void muted(MemberMuted event) {
        toRoom(event.room(), "member", Frames.member(event.room(), event.mute().user(), "muted", null,
                event.mute().mutedBy(), null));
    }

    void unmuted(MemberUnmuted event) {
        toRoom(event.room(), "member", Frames.member(event.room(), event.user(), "unmuted", null, event.by(), null));
    }

    void roleChanged(MemberRoleChanged event) {
        toRoom(event.room(), "member", Frames.member(event.room(), event.user(), "role", event.role().wireName(),
                event.by(), null));
    }

    void ownerChanged(OwnershipTransferred event) {
        toRoom(event.room(), "room", Frames.room(event.room(), "owner", Jsons.createObjectBuilder()
                .add("owner", event.to()).add("previous", event.from()).add("by", event.by()).build()));
    }

    void updated(RoomUpdated event) {
        RoomView r = event.view();
        JsonObjectBuilder fields = Jsons.createObjectBuilder().add("name", r.name()).add("private", r.isPrivate())
                .add("archived", r.isArchived()).add("slowModeMs", r.slowModeMs()).add("locked", r.locked())
                .add("by", event.by());
        r.description().ifPresentOrElse(d -> fields.add("description", d), () -> fields.addNull("description"));
        r.maxMembers().ifPresentOrElse(m -> fields.add("maxMembers", m), () -> fields.addNull("maxMembers"));
        fields.add("tags", Jsons.createArrayBuilder(r.tags()));
        r.category().ifPresentOrElse(c -> fields.add("category", c), () -> fields.addNull("category"));
        toRoom(event.room(), "room", Frames.room(event.room(), "updated", fields.build()));
    }

    void deleted(RoomDeleted event) {
        broker.publish(Envelope.membership(event.room(), OutboundFrame.of("room", Frames.room(event.room(), "deleted",
                Jsons.createObjectBuilder().add("by", event.by()).build())), MembershipChange.roomGone()));
    }

    /** A room as the {@code rooms} command lists it: what a client shows in a room directory. */
    static JsonObject listing(RoomListing listing) {
        RoomView r = listing.room();
        JsonObjectBuilder o = Jsons.createObjectBuilder().add("id", r.id()).add("name", r.name())
                .add("private", r.isPrivate()).add("archived", r.isArchived()).add("members", listing.members())
                .add("lastSeq", r.lastSeq()).add("tags", Jsons.createArrayBuilder(r.tags()));
        r.description().ifPresent(d -> o.add("description", d));
        r.category().ifPresent(c -> o.add("category", c));
        return o.build();
    }

    private void toRoom(String room, String type, String json) {
        broker.publish(Envelope.toRoom(room, OutboundFrame.of(type, json)));
    }

    private void membership(String room, MembershipChange change, String json) {
        broker.publish(Envelope.membership(room, OutboundFrame.of("member", json), change));
    }
}
