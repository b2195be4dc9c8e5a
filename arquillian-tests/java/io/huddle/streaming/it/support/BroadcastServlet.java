package io.huddle.streaming.it.support;

import io.huddle.streaming.application.StreamingManager;
import io.huddle.streaming.protocol.HuddleException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Calls the broadcasts of {@link StreamingManager} as an application bean would, for tests that watch the result
 * through real sockets: {@code POST /it/broadcast?to=users|connection|rooms|all|all-except&targets=a,b&event=e}
 * with the data as the body. Answers 204, the published ids for rooms, or 400/404 with the error code.
 */
@WebServlet("/it/broadcast")
public class BroadcastServlet extends HttpServlet {

    @Inject
    StreamingManager manager;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String data = new String(request.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String event = request.getParameter("event");
        String targets = request.getParameter("targets");
        List<String> names = targets == null || targets.isEmpty() ? List.of() : Arrays.asList(targets.split(",", -1));
        try {
            switch (request.getParameter("to")) {
                case "users" -> manager.broadcastToUsers(names, event, data);
                case "connection" -> manager.broadcastToConnection(targets, event, data);
                case "all" -> manager.broadcastToAll(event, data);
                case "all-except" -> manager.broadcastToAllExcept(names, event, data);
                case "rooms" -> {
                    response.setStatus(200);
                    response.getWriter().write(String.join(",", manager.broadcastToRooms(names, event, data).stream()
                            .map(p -> p.message().room() + ":" + p.message().seq()).toList()));
                    return;
                }
                default -> throw new IllegalArgumentException("unknown target");
            }
            response.setStatus(204);
        } catch (HuddleException e) {
            response.setStatus(e.code().httpStatus());
            response.getWriter().write(e.code().wireName());
        }
    }
}
