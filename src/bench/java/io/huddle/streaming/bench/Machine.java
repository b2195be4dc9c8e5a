package io.huddle.streaming.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** A description of the machine the benchmark runs on: CPU, cores, memory, OS, Java, Liberty. */
final class Machine {

    private Machine() {
    }

    static String describe(String javaHome, Path wlp) {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
        String mem = firstValue(Path.of("/proc/meminfo"), "MemTotal")
                .map(v -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(v.replace("kB", "").trim()) / 1048576.0))
                .orElse("?");
        return "machine: " + Runtime.getRuntime().availableProcessors() + " cores (nproc), " + cpu + ", " + mem
                + " RAM, " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + "\n"
                + "java (server and client): " + javaVersion(javaHome) + "\n"
                + "runtime: Open Liberty " + libertyVersion(wlp) + "; client and server share this machine's cores";
    }

    /**
     * CPU time used by every process of the machine so far (the busy columns of /proc/stat), in nanoseconds;
     * 0 where /proc is not readable.
     */
    static long busyNanos() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long ticks = 0;
            for (int i : new int[]{1, 2, 3, 6, 7, 8}) { // user nice system irq softirq steal
                ticks += Long.parseLong(f[i]);
            }
            return ticks * 10_000_000L; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static java.util.Optional<String> firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().filter(l -> l.startsWith(key)).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static String javaVersion(String javaHome) {
        try {
            Process p = new ProcessBuilder(Path.of(javaHome, "bin", "java").toString(), "-version")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(30, TimeUnit.SECONDS);
            return String.join(" | ", out.lines().toList());
        } catch (IOException e) {
            return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return System.getProperty("java.runtime.version");
        }
    }

    private static String libertyVersion(Path wlp) {
        Path file = wlp.resolve("lib/versions/openliberty.properties");
        Properties properties = new Properties();
        try (var in = Files.newInputStream(file)) {
            properties.load(in);
            return properties.getProperty("com.ibm.websphere.productVersion", "?");
        } catch (IOException e) {
            return "?";
        }
    }
}
