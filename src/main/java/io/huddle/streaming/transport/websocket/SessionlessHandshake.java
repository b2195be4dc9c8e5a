package io.huddle.streaming.transport.websocket;

import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Completes the opening handshake of {@code /ws} as the container does, and then ends the HTTP session the
 * container created for it. Huddle keeps no state in HTTP sessions, but the runtime (Open Liberty) creates one
 * for every WebSocket handshake and keeps it until its timeout (30 minutes by default): measured, about 400
 * bytes of heap each, so that connection churn (67,000 connections in two minutes) left 44 MB behind after a
 * full collection. A session that existed before the handshake (an application that shares its sessions with
 * Huddle) is left alone: only one that this handshake created, and nothing else can know, is invalidated.
 */
public class SessionlessHandshake extends ServerEndpointConfig.Configurator {

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        super.modifyHandshake(config, request, response);
        if (request.getHttpSession() instanceof HttpSession session) {
            try {
                if (session.isNew()) {
                    session.invalidate();
                }
            } catch (IllegalStateException alreadyInvalid) {
                // ended meanwhile: nothing is left to free
            }
        }
    }
}
