package io.huddle.streaming.bench;

import java.io.IOException;
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

/**
 * The benchmark's own Liberty server ({@code huddle-bench}), created by the build from
 * {@code liberty-config/server-bench.xml}: deploys the WARs into its dropins folder, starts it with a fresh
 * database, finds its process, stops it.
 */
final class LibertyServer {

    private final Path wlp;
    private final String name;
    private final Path serverDir;
    private final String javaHome;
    private volatile boolean started;

    LibertyServer(Path wlp, String name, String javaHome) {
        this.wlp = wlp;
        this.name = name;
        this.serverDir = wlp.resolve("usr/servers").resolve(name);
        this.javaHome = javaHome;
    }

    Path directory() {
        return serverDir;
    }

    /** Fails unless the build created the server (and copied the JDBC driver). */
    void requireCreated() {
        if (!Files.isRegularFile(serverDir.resolve("server.xml"))) {
            throw new IllegalStateException("no server " + serverDir + ": run the benchmark through Maven "
                    + "(mvn -Pbench verify -DskipTests), which creates it");
        }
        try (Stream<Path> jars = Files.list(serverDir.resolve("jdbc"))) {
            if (jars.noneMatch(p -> p.getFileName().toString().endsWith(".jar"))) {
                throw new IllegalStateException("no JDBC driver in " + serverDir.resolve("jdbc"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("no JDBC driver folder in " + serverDir, e);
        }
    }

    /** Replaces whatever is in dropins by {@code wars}, and deletes the previous run's database. */
    void deploy(List<Path> wars) throws IOException {
        Path dropins = serverDir.resolve("dropins");
        deleteTree(dropins);
        Files.createDirectories(dropins);
        for (Path war : wars) {
            Files.copy(war, dropins.resolve(war.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        deleteTree(serverDir.resolve("db"));
    }

    void start() throws IOException, InterruptedException {
        if (run(Duration.ofSeconds(60), "status") == 0) {
            System.out.println("[bench] " + name + " is running from an earlier run: stopping it first");
            run(Duration.ofSeconds(120), "stop");
        }
        started = true;
        int rc = run(Duration.ofSeconds(180), "start", "--clean");
        if (rc != 0) {
            throw new IllegalStateException("server start " + name + " exited with " + rc + "; see "
                    + serverDir.resolve("logs/messages.log"));
        }
    }

    /** Stops the server if this object started it; never throws. */
    /**
     * Stops the server when the benchmark's JVM exits (Ctrl+C included), and ends the run with status 2 after
     * {@code minutes}; returns the watchdog thread, to interrupt once the run is over.
     */
    Thread guard(long minutes) {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopQuietly, "bench-stop-server"));
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(minutes));
                System.out.println("[bench] FAILED: the run took more than " + minutes + " minutes; giving up");
                System.exit(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        return watchdog;
    }

    void stopQuietly() {
        if (!started) {
            return;
        }
        started = false;
        try {
            System.out.println("[bench] stopping server " + name);
            run(Duration.ofSeconds(120), "stop");
        } catch (IOException | RuntimeException e) {
            System.out.println("[bench] could not stop " + name + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The server JVM's process. */
    ProcessHandle process() throws IOException {
        Path pidFile = wlp.resolve("usr/servers/.pid").resolve(name + ".pid");
        if (Files.isRegularFile(pidFile)) {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isPresent()) {
                return handle.get();
            }
        }
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("ws-server.jar") && c.contains(" " + name)).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no process of server " + name));
    }

    /** The server's CPU time so far (user + system), in nanoseconds. */
    static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("the CPU time of process " + process.pid() + " is not readable"))
                .toNanos();
    }

    /**
     * The system (kernel) part of {@code process}'s CPU time, from {@code /proc/<pid>/stat}; 0 where that file
     * does not exist. On loopback the kernel's work for a write includes handing the data to the receiving socket.
     */
    static long systemCpuNanos(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // Fields after the command name, which is in parentheses and may contain spaces: stime is the 13th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return Long.parseLong(fields[12]) * 10_000_000L; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The last lines of the server's messages.log, for a failure report. */
    String logTail(int lines) {
        Path log = serverDir.resolve("logs/messages.log");
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no " + log + ")";
        }
    }

    private int run(Duration timeout, String action, String... more) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(wlp.resolve("bin/server").toString(), action, name));
        command.addAll(List.of(more));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("JAVA_HOME", javaHome);
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
