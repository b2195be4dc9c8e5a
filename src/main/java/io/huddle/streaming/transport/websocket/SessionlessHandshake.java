package io.huddle.streaming.transport.websocket;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Completes the opening handshake of {@code /ws} as the container does, and lets the HTTP session the container
 * created for it expire within seconds. Huddle keeps no state in HTTP sessions, but the runtime (Open Liberty)
 * creates one for every WebSocket handshake and keeps it until its timeout (30 minutes by default): measured,
 * about 400 bytes of heap each, so that connection churn (67,000 connections in two minutes) left 44 MB behind
 * after a full collection. The session is not invalidated at once: the runtime still holds it for the WebSocket
 * session it is opening (invalidated there, a stopping application no longer sent its clients the shutdown
 * frame); expired, it goes through the runtime's own expiry. Left alone: a session that existed before the
 * handshake (an application that shares its sessions with Huddle), and one of a request the container
 * authenticated (the runtime closes such a WebSocket when its secure HTTP session expires).
 * <p>
 * It also creates each session's {@link WebSocketEndpoint} as a plain object sharing one {@link WebSocketServices}
 * (see there why).
 */
public class SessionlessHandshake extends ServerEndpointConfig.Configurator {

    /** How long the handshake's own session outlives its last use, in seconds. */
    static final int SESSION_SECONDS = 1;

    private volatile WebSocketServices services;

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (endpointClass != WebSocketEndpoint.class) {
            return super.getEndpointInstance(endpointClass);
        }
        WebSocketServices shared = services;
        if (shared == null) {
            shared = CDI.current().select(WebSocketServices.class).get();
            services = shared;
        }
        return endpointClass.cast(new WebSocketEndpoint(shared));
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        super.modifyHandshake(config, request, response);
        if (request.getUserPrincipal() == null && request.getHttpSession() instanceof HttpSession session) {
            try {
                if (session.isNew()) {
                    session.setMaxInactiveInterval(SESSION_SECONDS);
                }
            } catch (IllegalStateException alreadyInvalid) {
                // ended meanwhile: nothing is left to free
            }
        }
    }
}
