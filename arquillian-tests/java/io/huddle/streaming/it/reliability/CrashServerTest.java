package io.huddle.streaming.it.reliability;

import io.huddle.streaming.it.support.LibertyProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What every reliability test shares: a server of its own ({@code huddle-crash}, created by
 * {@code mvn verify -Preliability}) with the WAR freshly deployed and started before each test, and stopped after it
 * whatever the test did to it.
 */
abstract class CrashServerTest {

    /** The server: start it, kill it, look into its directory. */
    LibertyProcess server;
    /** The server's base URL, the WAR at its root. */
    URL base;

    @BeforeEach
    void freshServer() throws Exception {
        beforeStart();
        base = new URL("http://127.0.0.1:" + Integer.getInteger("huddle.crash.http.port") + "/");
        server = new LibertyProcess(Path.of(System.getProperty("huddle.crash.wlp")), System.getProperty("huddle.crash.server"), base);
        server.stopQuietly();
        server.deployFresh(Path.of(System.getProperty("huddle.war")));
        Path overrides = server.directory().resolve("configDropins/overrides");
        Files.createDirectories(overrides);
        Path variables = overrides.resolve("reliability-test.xml");
        Files.deleteIfExists(variables);
        Map<String, String> configured = variables();
        if (!configured.isEmpty()) {
            StringBuilder xml = new StringBuilder("<server>\n");
            configured.forEach((name, value) -> xml.append("    <variable name=\"").append(name)
                    .append("\" value=\"").append(value).append("\"/>\n"));
            Files.writeString(variables, xml.append("</server>\n"));
        }
        server.start();
    }

    /** What must be true before the server starts (a service it needs running); nothing by default. */
    void beforeStart() throws Exception {
    }

    /**
     * Server variables (MicroProfile Config properties) this test sets on top of {@code server-crash.xml}, written
     * to {@code configDropins/overrides} before the server starts; none by default.
     */
    Map<String, String> variables() {
        return Map.of();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.stopQuietly();
    }
}
