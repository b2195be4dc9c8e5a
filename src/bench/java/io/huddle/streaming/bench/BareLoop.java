package io.huddle.streaming.bench;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the bare durable loop ({@link DurableLoopServlet}) for a mode: an unmeasured call first, then one measured
 * call per thread count, the server's CPU taken around each.
 */
final class BareLoop {

    private BareLoop() {
    }

    /**
     * @param rooms the rooms the loop stores into, comma-separated (each must exist)
     * @return one result per thread count; a failed call's result names its error, and the runs stop there
     */
    static List<RoomReport.Bare> run(BenchHttp http, ProcessHandle server, String rooms, int[] threadCounts,
                                     double warmupSeconds, double seconds) throws IOException, InterruptedException {
        List<RoomReport.Bare> results = new ArrayList<>();
        if (threadCounts.length == 0) {
            return results;
        }
        BenchmarkRunner.log(String.format(Locale.ROOT, "bare durable loop: warm-up, %d threads for %.0f s",
                threadCounts[0], warmupSeconds));
        RoomReport.Bare first = call(http, server, rooms, threadCounts[0], warmupSeconds);
        if (first.error() != null) {
            results.add(first);
            return results;
        }
        for (int threads : threadCounts) {
            RoomReport.Bare bare = call(http, server, rooms, threads, seconds);
            results.add(bare);
            if (bare.error() != null) {
                return results;
            }
            BenchmarkRunner.log(String.format(Locale.ROOT, "bare durable loop, %d threads: %d commits in %.2f s ="
                            + " %.0f commits/s; server CPU %.2f s (%.2f µs per commit)", threads, bare.commits(),
                    bare.nanos() / 1e9, bare.commitsPerSecond(), bare.serverCpuNanos() / 1e9,
                    bare.serverCpuMicrosPerCommit()));
        }
        return results;
    }

    private static RoomReport.Bare call(BenchHttp http, ProcessHandle server, String rooms, int threads,
                                        double seconds) throws IOException, InterruptedException {
        long cpu0 = LibertyServer.cpuNanos(server);
        HttpResponse<String> response = http.request("POST", "/baseline/durable?room=" + rooms + "&threads=" + threads
                + "&seconds=" + seconds, "", (long) seconds + 120);
        long cpu = LibertyServer.cpuNanos(server) - cpu0;
        if (response.statusCode() != 200) {
            return new RoomReport.Bare(threads, 0, 0, cpu, response.statusCode() + " " + response.body());
        }
        JsonObject answer = BenchHttp.json(response.body());
        long commits = answer.getJsonNumber("count").longValue();
        if (commits == 0) {
            return new RoomReport.Bare(threads, 0, 0, cpu, "no commit in " + seconds + " s");
        }
        return new RoomReport.Bare(threads, commits, answer.getJsonNumber("nanos").longValue(), cpu, null);
    }
}
