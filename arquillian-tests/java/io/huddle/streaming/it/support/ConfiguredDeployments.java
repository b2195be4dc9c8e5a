package io.huddle.streaming.it.support;

import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The built WAR with settings of its own, added to its {@code META-INF/microprofile-config.properties} (which
 * MicroProfile Config reads below the server's variables, so only settings the server does not set take effect).
 * The WAR's own settings stay; a setting given here replaces the WAR's of the same name.
 */
public final class ConfiguredDeployments {

    private static final String CONFIG = "WEB-INF/classes/META-INF/microprofile-config.properties";

    private ConfiguredDeployments() {
    }

    /** The WAR with {@code properties} ({@code name=value} lines) added to its own configuration. */
    public static WebArchive huddleWarWith(String... properties) {
        WebArchive war = Deployments.huddleWar();
        Node own = war.get(CONFIG);
        String settings = own == null ? "" : read(own) + "\n";
        if (own != null) {
            war.delete(CONFIG);
        }
        // Properties files keep the last value of a name: these come after the WAR's own.
        return war.add(new StringAsset(settings + String.join("\n", properties) + "\n"), CONFIG);
    }

    private static String read(Node node) {
        try (InputStream in = node.getAsset().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + CONFIG + " of the WAR", e);
        }
    }
}
