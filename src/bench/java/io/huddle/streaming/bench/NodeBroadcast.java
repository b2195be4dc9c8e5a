package io.huddle.streaming.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One of the compare mode's Node broadcast servers ({@code src/bench/node/broadcast-server.js}): Socket.IO or the
 * {@code ws} library, started as a child process of the runner and stopped with it.
 */
final class NodeBroadcast implements AutoCloseable {

    private static final List<String> FILES = List.of("package.json", "package-lock.json", "broadcast-server.js");

    private final Process process;
    private final String kind;

    private NodeBroadcast(Process process, String kind) {
        this.process = process;
        this.kind = kind;
    }

    /**
     * Copies the Node project from {@code source} into {@code workDir/node} and installs its locked dependencies
     * there ({@code npm ci}: the versions of {@code package-lock.json}, from the npm registry); answers that folder.
     */
    static Path install(Path source, Path workDir) throws IOException, InterruptedException {
        Path dir = workDir.resolve("node");
        Files.createDirectories(dir);
        boolean changed = false;
        for (String file : FILES) {
            Path from = source.resolve(file);
            Path to = dir.resolve(file);
            if (!Files.isRegularFile(to) || Files.mismatch(from, to) != -1) {
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                changed = true;
            }
        }
        if (changed || !Files.isDirectory(dir.resolve("node_modules"))) {
            BenchmarkRunner.log("installing the Node broadcast servers' packages (npm ci) in " + dir);
            run(dir, Duration.ofMinutes(5), "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
        }
        return dir;
    }

    /** Starts {@code kind} ({@code socketio} or {@code ws}) on 127.0.0.1:{@code port}; returns once it listens. */
    static NodeBroadcast start(Path dir, String kind, int port) throws Exception {
        Process process = new ProcessBuilder("node", "broadcast-server.js", kind, Integer.toString(port))
                .directory(dir.toFile()).redirectErrorStream(true).start();
        NodeBroadcast server = new NodeBroadcast(process, kind);
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.equals("listening " + port)) {
                        listening.complete(null);
                    } else {
                        BenchmarkRunner.log("node " + kind + ": " + line);
                    }
                }
            } catch (IOException e) {
                listening.completeExceptionally(e);
            }
            // The output ends when the process does (a no-op once it listened).
            listening.completeExceptionally(new IllegalStateException("node " + kind + " stopped before it listened"));
        }, "node-" + kind);
        reader.setDaemon(true);
        reader.start();
        try {
            listening.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("node " + kind + " did not listen on port " + port + " within 30 s", e);
        }
        return server;
    }

    ProcessHandle process() {
        return process.toHandle();
    }

    /** The version of the server's main package as installed, e.g. {@code socket.io 4.8.1}. */
    static String version(Path dir, String kind) {
        String pkg = kind.equals("socketio") ? "socket.io" : "ws";
        try {
            String json = Files.readString(dir.resolve("node_modules").resolve(pkg).resolve("package.json"));
            return pkg + " " + BenchHttp.json(json).getString("version");
        } catch (IOException | RuntimeException e) {
            return pkg + " (version unknown)";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void run(Path dir, Duration timeout, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit status " + p.exitValue());
        }
    }

    @Override
    public String toString() {
        return "node " + kind + " (pid " + process.pid() + ")";
    }
}
