package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Api;
import io.huddle.streaming.it.support.Deployments;
import io.huddle.streaming.it.support.WsClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every feature switch turned off (through the application's own MicroProfile Config file): clients get
 * {@code feature_disabled} and the connection keeps working.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FeatureSwitchesIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.huddleWar().addAsResource(new StringAsset(String.join("\n",
                "streaming.features.rooms=false", "streaming.features.channels=false",
                "streaming.features.presence=false", "streaming.features.typing=false",
                "streaming.features.history=false")), "META-INF/microprofile-config.properties");
    }

    @ArquillianResource
    URL base;

    @Test
    void disabledFeaturesAnswerFeatureDisabled() {
        try (WsClient ws = WsClient.connect(base, Api.user("user"))) {
            ws.next("welcome");
            for (String command : new String[]{
                    "{\"type\":\"join\",\"room\":\"any\"}",
                    "{\"type\":\"publish\",\"room\":\"any\",\"data\":1}",
                    "{\"type\":\"history\",\"room\":\"any\"}",
                    "{\"type\":\"who\",\"room\":\"any\"}",
                    "{\"type\":\"pin\",\"room\":\"any\",\"id\":\"m\"}",
                    "{\"type\":\"pins\",\"room\":\"any\"}",
                    "{\"type\":\"subscribe\",\"channel\":\"any\"}",
                    "{\"type\":\"publish\",\"channel\":\"any\",\"data\":1}",
                    "{\"type\":\"typing\",\"room\":\"any\",\"active\":true}",
                    "{\"type\":\"presence\",\"status\":\"away\"}"}) {
                assertEquals("feature_disabled", ws.command(command).getString("code"), command);
            }
            ws.sendText("{\"type\":\"ping\"}");
            ws.next("pong");
        }
    }

    @Test
    void restRoomApiAnswersFeatureDisabled() {
        Api.Reply reply = new Api(base).post(Api.user("user"), "rooms", "{\"name\":\"x\"}");
        assertEquals(403, reply.status());
        assertEquals("feature_disabled", reply.code());
    }
}
