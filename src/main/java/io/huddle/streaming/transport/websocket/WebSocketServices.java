package io.huddle.streaming.transport.websocket;

import io.huddle.streaming.application.session.ConnectionService;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.hub.Meters;
import io.huddle.streaming.transport.Identities;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What every {@link WebSocketEndpoint} uses, injected once for the application. The endpoints themselves are
 * created by {@link SessionlessHandshake}, one per session, as plain objects: created by the container through
 * CDI, each would carry its own injected fields and creational context (about 100 bytes per idle connection).
 */
@ApplicationScoped
public class WebSocketServices {

    @Inject
    private ConnectionService connections;

    @Inject
    private Identities identities;

    @Inject
    private StreamingConfig config;

    @Inject
    private Meters meters;

    /** Runs the heartbeat pings, which could block. */
    @Resource
    private ManagedExecutorService executor;

    @Inject
    private BlockingCloses blockingCloses;

    public ConnectionService connections() {
        return connections;
    }

    public Identities identities() {
        return identities;
    }

    public StreamingConfig config() {
        return config;
    }

    public Meters meters() {
        return meters;
    }

    public ManagedExecutorService executor() {
        return executor;
    }

    public BlockingCloses blockingCloses() {
        return blockingCloses;
    }
}
