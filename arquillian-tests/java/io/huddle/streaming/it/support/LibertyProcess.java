package io.huddle.streaming.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A Liberty server run as its own operating-system process, for tests that kill it: the build creates it
 * ({@code mvn verify -Preliability}); this deploys the WAR, starts it with {@code bin/server start}, waits until
 * Huddle answers, and kills its JVM with SIGKILL as a crash would.
 */
public final class LibertyProcess {

    private final Path wlp;
    private final String name;
    private final Path serverDir;
    private final URL base;
    private final java.util.Map<String, String> environment = new java.util.HashMap<>();

    public LibertyProcess(Path wlp, String name, URL base) {
        this.wlp = wlp;
        this.name = name;
        this.serverDir = wlp.resolve("usr/servers").resolve(name);
        this.base = base;
        if (!Files.isRegularFile(serverDir.resolve("server.xml"))) {
            throw new IllegalStateException("no server " + serverDir + ": run through Maven (mvn verify -Preliability)");
        }
    }

    /**
     * Sets an environment variable for the server's next start (MicroProfile Config reads {@code STREAMING_...}
     * variables, over the defaults of server.xml).
     */
    public void environment(String name, String value) {
        environment.put(name, value);
    }

    /** The server's own output directory (where the embedded database lives). */
    public Path directory() {
        return serverDir;
    }

    /** Puts {@code war} alone into dropins and deletes the embedded database of an earlier run. */
    public void deployFresh(Path war) throws IOException {
        Path dropins = serverDir.resolve("dropins");
        deleteTree(dropins);
        Files.createDirectories(dropins);
        Files.copy(war, dropins.resolve(war.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        deleteTree(serverDir.resolve("db"));
    }

    /** Starts the server and waits until the REST API answers. */
    public void start() throws IOException, InterruptedException {
        int rc = run(Duration.ofSeconds(180), "start");
        if (rc != 0) {
            throw new IllegalStateException("server start " + name + " exited with " + rc + "; see " + log());
        }
        HttpClient http = HttpClient.newHttpClient();
        try {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/rooms?user=probe"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new IllegalStateException("Huddle on " + name + " did not answer within 180 s; see " + log(), e);
        }
    }

    /** Kills the server's JVM with SIGKILL and waits until it is gone. */
    public void kill() throws IOException, InterruptedException {
        ProcessHandle process = process().orElseThrow(() -> new IllegalStateException("server " + name + " is not running"));
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -9 " + process.pid() + " failed");
        }
        process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** Stops the server if it runs; never throws. */
    public void stopQuietly() {
        try {
            if (process().isPresent()) {
                run(Duration.ofSeconds(120), "stop");
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("could not stop " + name + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The server's JVM, while it runs. */
    public ProcessHandle jvm() throws IOException {
        return process().orElseThrow(() -> new IllegalStateException("server " + name + " is not running"));
    }

    private Optional<ProcessHandle> process() throws IOException {
        Path pidFile = wlp.resolve("usr/servers/.pid").resolve(name + ".pid");
        if (Files.isRegularFile(pidFile)) {
            Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
            if (handle.isPresent() && handle.get().isAlive()) {
                return handle;
            }
        }
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains("ws-server.jar") && c.contains(" " + name)).orElse(false)).findFirst();
    }

    private Path log() {
        return serverDir.resolve("logs/messages.log");
    }

    private int run(Duration timeout, String action) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(wlp.resolve("bin/server").toString(), action, name));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).inheritIO();
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("server " + action + " " + name + " took more than " + timeout);
        }
        return process.exitValue();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
