package io.huddle.streaming.bench;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Benchmark only, never part of Huddle: the bare broadcast loop that Huddle is compared with. No rooms, no
 * persistence, no queues: every text frame received is sent, as is, to every open session (the sender included)
 * with the blocking basic remote, one session after the other. Deployed as {@code baseline.war} next to Huddle
 * in the benchmark server, at {@code /baseline/ws}.
 *
 * <p>One endpoint instance serves every session (see {@link Shared}), so the session set is an instance field:
 * no static state.
 */
@ServerEndpoint(value = "/ws", configurator = BaselineEndpoint.Shared.class)
public class BaselineEndpoint {

    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

    /**
     * With {@code ?greet} in the query, the session is sent a small text frame and a 16-byte ping at once, as Huddle
     * sends every connection its {@code welcome} and a probe: the heap measurement then compares connections that
     * were both written to (the runtime keeps write state for such a session).
     */
    @OnOpen
    public void open(Session session) throws IOException {
        if (sessions.add(session)) {
            BaselineHeapServlet.opened();
        }
        String query = session.getQueryString();
        if (query != null && query.contains("greet")) {
            session.getBasicRemote().sendText("{\"type\":\"welcome\"}");
            session.getBasicRemote().sendPing(ByteBuffer.allocate(16).putLong(1).putLong(2).flip());
        }
    }

    @OnMessage
    public void message(Session from, String text) {
        for (Session session : sessions) {
            try {
                if (session.isOpen()) {
                    session.getBasicRemote().sendText(text);
                }
            } catch (IOException | RuntimeException e) {
                // A failed session is skipped; the loop goes on with the others.
            }
        }
    }

    @OnClose
    public void close(Session session) {
        forget(session);
    }

    @OnError
    public void error(Session session, Throwable failure) {
        forget(session);
    }

    private void forget(Session session) {
        if (sessions.remove(session)) {
            BaselineHeapServlet.closed();
        }
    }

    /** Hands the container the same endpoint instance for every session. */
    public static final class Shared extends ServerEndpointConfig.Configurator {

        private final BaselineEndpoint endpoint = new BaselineEndpoint();

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(endpoint);
        }
    }
}
