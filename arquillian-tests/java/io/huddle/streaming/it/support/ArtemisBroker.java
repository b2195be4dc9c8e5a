package io.huddle.streaming.it.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * An ActiveMQ Artemis broker run as its own process from the distribution the build unpacked
 * ({@code mvn verify -Pcluster}): the first start creates an instance (user {@code huddle}/{@code huddle},
 * listening on 127.0.0.1 only, no web console), {@link #start()} runs it and waits until it accepts connections,
 * {@link #kill()} ends it with SIGKILL as a crash would.
 */
public final class ArtemisBroker {

    private final Path home;
    private final Path instance;
    private final int port;
    private Process process;

    public ArtemisBroker(Path home, Path instance, int port) {
        this.home = home;
        this.instance = instance;
        this.port = port;
        if (!Files.isRegularFile(home.resolve("bin/artemis"))) {
            throw new IllegalStateException("no Artemis distribution at " + home + ": run through Maven (mvn verify -Pcluster)");
        }
    }

    /** Creates the instance if there is none, starts the broker and waits until it accepts connections. */
    public synchronized void start() throws IOException, InterruptedException {
        if (!Files.isRegularFile(instance.resolve("bin/artemis"))) {
            run(List.of(home.resolve("bin/artemis").toString(), "create", instance.toString(), "--user", "huddle",
                    "--password", "huddle", "--require-login", "--no-web", "--no-autotune", "--silent", "--nio",
                    "--host", "127.0.0.1", "--default-port", Integer.toString(port), "--no-amqp-acceptor",
                    "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor"));
        }
        ProcessBuilder builder = new ProcessBuilder(instance.resolve("bin/artemis").toString(), "run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(instance.resolve("broker.log").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        process = builder.start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(this::accepts);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new IllegalStateException("Artemis did not accept connections on " + port + " within 60 s; see "
                    + instance.resolve("broker.log"), e);
        }
    }

    /** The broker's process (its JVM, when the start script handed over to it), while it runs. */
    public synchronized ProcessHandle process() {
        if (process == null) {
            throw new IllegalStateException("the broker is not running");
        }
        return process.toHandle().descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .findFirst().orElse(process.toHandle());
    }

    /** Kills the broker's JVM with SIGKILL and waits until its port is closed. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        process = null;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> !accepts());
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).inheritIO();
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = builder.start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("'" + String.join(" ", command) + "' failed");
        }
    }
}
