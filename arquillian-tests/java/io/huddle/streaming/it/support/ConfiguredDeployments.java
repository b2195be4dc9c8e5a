package io.huddle.streaming.it.support;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The built WAR with settings of its own: a {@code META-INF/microprofile-config.properties}, which MicroProfile
 * Config reads below the server's variables (so only settings the server does not set take effect).
 */
public final class ConfiguredDeployments {

    private ConfiguredDeployments() {
    }

    /** The WAR with {@code properties} ({@code name=value} lines) as its own configuration. */
    public static WebArchive huddleWarWith(String... properties) {
        return Deployments.huddleWar().addAsResource(new StringAsset(String.join("\n", properties)),
                "META-INF/microprofile-config.properties");
    }
}
