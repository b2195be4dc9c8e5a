package io.huddle.streaming.bench;

/**
 * What the server did around one measured run: its JIT compilers' CPU time (-1 when it cannot be read) and the
 * shared transactions its group commit made and the publishes they held.
 */
record ServerWindow(long jitNanos, long transactions, long batched) {

    /** The measured run. */
    interface Run {
        void run() throws Exception;
    }

    /** Runs {@code run}, reading the server's counts before and after it ({@code admin} may read {@code /api/v1/node}). */
    static ServerWindow around(BenchHttp http, ProcessHandle server, String admin, Run run) throws Exception {
        long[] before = http.groupCommit(admin);
        long jit0 = BenchmarkRunner.jitNanos(server);
        run.run();
        long jit1 = BenchmarkRunner.jitNanos(server);
        long[] after = http.groupCommit(admin);
        return new ServerWindow(jit0 < 0 || jit1 < 0 ? -1 : jit1 - jit0, after[0] - before[0], after[1] - before[1]);
    }
}
