package io.huddle.streaming.application.rooms;

import io.huddle.streaming.application.support.Scheduled;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.hub.Envelope;
import io.huddle.streaming.hub.Fanout;
import io.huddle.streaming.hub.LargeRooms;
import io.huddle.streaming.hub.OutboundFrame;
import io.huddle.streaming.protocol.Frames;
import io.huddle.streaming.protocol.Jsons;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.concurrent.ScheduledFuture;

/**
 * Tells the members of each large room whose members changed its member count, as a {@code room} frame with
 * {@code action: "members"}, at most once per {@code streaming.rooms.member-count-interval}: what a large room
 * announces instead of each plain join and leave (see {@link LargeRooms}). Every node tells its own connections,
 * from the members it knows. Thread-safe.
 */
@ApplicationScoped
public class MemberCounts {

    @Inject
    StreamingConfig config;

    @Inject
    LargeRooms largeRooms;

    @Inject
    Fanout fanout;

    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        task = Scheduled.every(config.memberCountInterval(), "member counts of large rooms", this::tell);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** Sends each changed room's count to this node's connections of its members. */
    void tell() {
        for (LargeRooms.RoomCount count : largeRooms.takeCountChanges()) {
            String frame = Frames.room(count.room(), "members",
                    Jsons.createObjectBuilder().add("members", count.members()).build());
            fanout.deliver(Envelope.toRoom(count.room(), OutboundFrame.of("room", frame)));
        }
    }
}
