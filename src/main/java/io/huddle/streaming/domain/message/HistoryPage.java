package io.huddle.streaming.domain.message;

import java.util.List;

/**
 * One page of history, oldest first, and whether more messages lie beyond it in the direction asked.
 *
 * @param messages the messages, oldest first; an immutable list
 * @param more     whether the query would have returned more than its limit
 */
public record HistoryPage(List<Message> messages, boolean more) {

    public HistoryPage {
        messages = List.copyOf(messages);
    }
}
