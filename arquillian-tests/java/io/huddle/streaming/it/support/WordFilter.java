package io.huddle.streaming.it.support;

import io.huddle.streaming.application.FilterDecision;
import io.huddle.streaming.application.InboundMessage;
import io.huddle.streaming.application.MessageFilter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A test message filter deployed with the application: rejects messages containing "forbidden", rewrites "darn".
 */
@ApplicationScoped
public class WordFilter implements MessageFilter {

    @Override
    public FilterDecision filter(InboundMessage message) {
        if (message.data().contains("forbidden")) {
            return FilterDecision.reject("contains a forbidden word");
        }
        return FilterDecision.accept(message.withData(message.data().replace("darn", "d**n")));
    }
}
