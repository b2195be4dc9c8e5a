package io.huddle.streaming.it.reliability;

import io.huddle.streaming.it.support.Api;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link FuzzIT}'s malformed frames at volume over WebSocket: {@value #FRAMES} frames over
 * {@code -Dhuddle.fuzz.ws-connections} connections at once (default 4), 100 at a time, each batch followed by a
 * well-formed command; every frame must be answered once and the connection stay open. Not part of the suite (its
 * name does not end in IT): it reproduces an open defect of the runtime (Open Liberty 26.0.0.3). Among the malformed
 * frames are empty text frames; the server then closes connections with 1007 ("Invalid UTF-8 data received", from
 * the runtime's WebSocket layer) although every frame is valid UTF-8: with 4 connections within a few thousand
 * frames. Without the empty frames ({@code -Dhuddle.fuzz.ws-empty=false}) all 80,000 are answered. The runtime's
 * frame reader takes the frames that follow an empty masked frame whose header was split between two reads as that
 * frame's payload (see the README's reliability section). A bare {@code @ServerEndpoint} that only answers each frame
 * is closed the same way. Run it with
 * {@code mvn verify -Preliability -Dit.test=WebSocketFuzzReproduction [-Dhuddle.fuzz.seed=N]}; {@link FuzzIT} runs the
 * same fuzzing without the empty frames.
 */
class WebSocketFuzzReproduction extends CrashServerTest {

    private static final int FRAMES = 80_000;
    private static final int CONNECTIONS = Integer.getInteger("huddle.fuzz.ws-connections", 4);
    private static final boolean MULTIBYTE = Boolean.getBoolean("huddle.fuzz.ws-multibyte");
    /** Whether empty text frames are among the malformed ones ({@code -Dhuddle.fuzz.ws-empty=false} leaves them out). */
    private static final boolean EMPTY = !"false".equals(System.getProperty("huddle.fuzz.ws-empty"));

    @Test
    void malformedWebSocketFramesAtVolumeAreEachAnsweredAndTheConnectionsStayOpen() throws Exception {
        long seed = Long.getLong("huddle.fuzz.seed", System.nanoTime());
        System.out.println("[reliability] WebSocket fuzz seed " + seed + ", " + CONNECTIONS + " connections, multi-byte "
                + MULTIBYTE + ", empty frames " + EMPTY);
        Api api = new Api(base);
        String room = Api.roomId("fuzz");
        api.createRoom(Api.user("fuzz"), room, "");
        Path log = server.directory().resolve("logs").resolve("messages.log");
        long logBefore = Files.size(log);
        int frames = FuzzIT.fuzzWebSockets(base, room, seed, CONNECTIONS, FRAMES, MULTIBYTE, EMPTY);
        FuzzIT.assertNoFailureLogged(log, logBefore);
        System.out.println("[reliability] WebSocket fuzz: " + frames + " malformed frames, each answered once");
    }
}
