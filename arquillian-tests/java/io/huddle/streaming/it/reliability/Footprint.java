package io.huddle.streaming.it.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a server process holds, read from outside as an operator would: its heap in use right after a full
 * garbage collection ({@code jcmd <pid> GC.run}, then {@code GC.heap_info}), its threads and its open file
 * descriptors ({@code /proc/<pid>}).
 */
record Footprint(long heapBytes, int threads, int fileDescriptors) {

    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    private static final Pattern THREADS = Pattern.compile("(?m)^Threads:\\s+(\\d+)");

    /** Reads the footprint of the JVM {@code pid} (two full collections first, so that the heap is what is live). */
    static Footprint of(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        jcmd(pid, "GC.run");
        String heap = jcmd(pid, "GC.heap_info");
        Matcher used = HEAP_USED.matcher(heap);
        if (!used.find()) {
            throw new IllegalStateException("no heap figure in jcmd GC.heap_info: " + heap);
        }
        Matcher threads = THREADS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        if (!threads.find()) {
            throw new IllegalStateException("no thread count in /proc/" + pid + "/status");
        }
        int descriptors;
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            descriptors = (int) fds.count();
        }
        return new Footprint(Long.parseLong(used.group(1)) * 1024, Integer.parseInt(threads.group(1)), descriptors);
    }

    /** Whether each figure is at most {@code tolerance} (0.05: 5%) above {@code baseline}'s. */
    boolean within(Footprint baseline, double tolerance) {
        return heapBytes <= baseline.heapBytes * (1 + tolerance) && threads <= baseline.threads * (1 + tolerance)
                && fileDescriptors <= baseline.fileDescriptors * (1 + tolerance);
    }

    /** Writes the class histogram of the JVM {@code pid} (what holds its heap, after a full GC) to {@code file}. */
    static void histogram(long pid, Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, jcmd(pid, "GC.class_histogram"));
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format("heap %.1f MB after a full GC, %d threads, %d file descriptors", heapBytes / 1e6, threads,
                fileDescriptors);
    }
}
