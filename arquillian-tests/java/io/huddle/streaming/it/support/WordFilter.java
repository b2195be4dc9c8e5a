package io.huddle.streaming.it.support;

import io.huddle.streaming.application.messaging.FilterDecision;
import io.huddle.streaming.application.messaging.InboundMessage;
import io.huddle.streaming.application.messaging.MessageFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * A test message filter deployed with the application: rejects messages containing "forbidden", rewrites "darn",
 * and for a message containing "db-failure" runs a query the database refuses, as a filter that looks something
 * up and fails would (the transaction the message is checked in can then only roll back).
 */
@ApplicationScoped
public class WordFilter implements MessageFilter {

    @PersistenceContext(unitName = "huddle")
    EntityManager em;

    @Override
    public FilterDecision filter(InboundMessage message) {
        if (message.data().contains("db-failure")) {
            em.createNativeQuery("select no_such_column from rooms").getResultList();
        }
        if (message.data().contains("forbidden")) {
            return FilterDecision.reject("contains a forbidden word");
        }
        return FilterDecision.accept(message.withData(message.data().replace("darn", "d**n")));
    }
}
