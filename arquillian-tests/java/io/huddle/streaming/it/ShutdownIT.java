package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.Deployments;
import io.huddle.streaming.it.support.SseClient;
import io.huddle.streaming.it.support.WsClient;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stopping the application tells every client: a {@code system shutdown} frame and close 1001 on WebSockets,
 * the end of SSE streams, within seconds.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ShutdownIT {

    private static final String DEPLOYMENT = "huddle-shutdown";

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static WebArchive deployment() {
        return Deployments.huddleWar();
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void stoppingTheApplicationSendsShutdownAndClosesWith1001() throws MalformedURLException {
        URL base = new URL("http://localhost:" + System.getProperty("huddle.http.port", "19080") + "/");
        deployer.deploy(DEPLOYMENT);
        WsClient ws = WsClient.connect(base, Api.user("leaving"));
        ws.next("welcome");
        SseClient stream = SseClient.open(base, Api.user("streaming"), "");
        assertEquals("welcome", stream.next().name());

        long started = System.nanoTime();
        deployer.undeploy(DEPLOYMENT);
        JsonObject system = ws.next("system");
        assertEquals("shutdown", system.getString("event"));
        assertEquals(1001, ws.awaitClose());
        SseClient.Event last = stream.next();
        assertEquals("system", last.name());
        assertEquals("shutdown", last.data().getString("event"));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(20)) < 0,
                "the application stops within seconds with clients connected");
        stream.close();
        ws.close();
    }
}
