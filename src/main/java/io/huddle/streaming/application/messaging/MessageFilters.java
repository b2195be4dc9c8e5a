package io.huddle.streaming.application.messaging;

import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Runs every {@link MessageFilter} bean over an inbound message, in priority order. Thread-safe.
 */
@ApplicationScoped
public class MessageFilters {

    private static final int DEFAULT_PRIORITY = 1000;

    @Inject
    Instance<MessageFilter> beans;

    private volatile List<MessageFilter> ordered;

    /** The message after every filter, or {@code forbidden} with the first rejection's reason. */
    InboundMessage apply(InboundMessage message) {
        InboundMessage current = message;
        for (MessageFilter filter : ordered()) {
            FilterDecision decision = Objects.requireNonNull(filter.filter(current),
                    () -> filter.getClass().getName() + " returned no decision");
            if (decision.reason().isPresent()) {
                throw new HuddleException(ErrorCode.FORBIDDEN, "message rejected: " + decision.reason().get());
            }
            current = decision.message().orElseThrow();
        }
        return current;
    }

    private List<MessageFilter> ordered() {
        List<MessageFilter> list = ordered;
        if (list == null) {
            list = beans.stream()
                    .sorted(Comparator.comparingInt(MessageFilters::priority))
                    .toList();
            ordered = list;
        }
        return list;
    }

    private static int priority(MessageFilter filter) {
        Class<?> type = filter.getClass();
        while (type != null) {
            Priority priority = type.getAnnotation(Priority.class);
            if (priority != null) {
                return priority.value();
            }
            type = type.getSuperclass();
        }
        return DEFAULT_PRIORITY;
    }
}
