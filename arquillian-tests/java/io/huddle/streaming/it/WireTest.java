package io.huddle.streaming.it;

import io.huddle.streaming.it.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

/**
 * What every test that talks to the deployed WAR from outside shares: the WAR as built, deployed into the
 * managed Liberty, and the base URL it answers on.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class WireTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.huddleWar();
    }

    @ArquillianResource
    URL base;
}
