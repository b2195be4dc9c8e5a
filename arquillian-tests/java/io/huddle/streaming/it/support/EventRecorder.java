package io.huddle.streaming.it.support;

import io.huddle.streaming.application.event.RoomEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test bean deployed with the application: records every room event it observes, as an application would.
 */
@ApplicationScoped
public class EventRecorder {

    private final List<RoomEvent> events = new CopyOnWriteArrayList<>();

    void record(@Observes RoomEvent event) {
        events.add(event);
    }

    /** The events of {@code room}, in the order observed. */
    public List<RoomEvent> of(String room) {
        return events.stream().filter(e -> e.room().equals(room)).toList();
    }
}
