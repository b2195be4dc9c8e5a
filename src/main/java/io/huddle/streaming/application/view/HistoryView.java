package io.huddle.streaming.application.view;

import java.util.List;

/**
 * A page of a room's history, oldest first, and whether more lies beyond it. Immutable.
 *
 * @param messages the messages, oldest first
 * @param more     whether the query had more results than its limit
 */
public record HistoryView(List<MessageView> messages, boolean more) {

    public HistoryView {
        messages = List.copyOf(messages);
    }
}
