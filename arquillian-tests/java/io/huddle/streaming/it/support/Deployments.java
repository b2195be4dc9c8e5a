package io.huddle.streaming.it.support;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/**
 * The application as users get it: the WAR the build produced, deployed unchanged.
 */
public final class Deployments {

    private Deployments() {
    }

    /** The built WAR ({@code target/huddle.war}), named as the build names it. */
    public static WebArchive huddleWar() {
        String path = System.getProperty("huddle.war", "target/huddle.war");
        File war = new File(path);
        if (!war.isFile()) {
            throw new IllegalStateException("the WAR to test is missing: " + war.getAbsolutePath());
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }
}
