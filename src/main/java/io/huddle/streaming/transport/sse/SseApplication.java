package io.huddle.streaming.transport.sse;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/**
 * The JAX-RS application serving the SSE transport under {@code /sse}.
 */
@ApplicationPath("/sse")
public class SseApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(SseResource.class);
    }
}
