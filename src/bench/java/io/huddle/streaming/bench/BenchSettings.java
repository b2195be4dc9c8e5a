package io.huddle.streaming.bench;

import java.nio.file.Path;

/**
 * What every mode of the benchmark needs to find and start its server, read from system properties (set by the
 * {@code bench} profile): the HTTP port, how long the whole run may take, the Liberty installation, the server's
 * name, Huddle's WAR and the work directory for WARs built at run time and for the result tables.
 */
record BenchSettings(int port, long timeoutMinutes, Path wlp, String serverName, Path huddleWar, Path workDir) {

    static BenchSettings read() {
        return new BenchSettings(Integer.getInteger("bench.http.port", 29080), Long.getLong("bench.timeout.minutes", 30),
                Path.of(System.getProperty("bench.wlp", "target/liberty/wlp")),
                System.getProperty("bench.server", "huddle-bench"),
                Path.of(System.getProperty("bench.war", "target/huddle.war")),
                Path.of(System.getProperty("bench.work", "target/bench")));
    }

    /** The benchmark server, in the Liberty installation, run by the JDK at {@code javaHome}. */
    LibertyServer server(String javaHome) {
        return new LibertyServer(wlp, serverName, javaHome);
    }
}
