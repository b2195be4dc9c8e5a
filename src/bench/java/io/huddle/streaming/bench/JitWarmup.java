package io.huddle.streaming.bench;

import java.util.Locale;

/**
 * Warm-up rounds until the server's JIT compilers go quiet: a round at a time while they took more than
 * {@code jitShare} of the server's CPU in the round before, at most {@code rounds} rounds. Liberty, Hibernate and the
 * database driver keep C2 compiling for a minute or more: without this, the compilers took most of the server's CPU
 * in the measured window (10 of 14 s of the chat mode's saturation window on H2 after a 40 s warm-up).
 */
final class JitWarmup {

    /** One unmeasured round; answers the server's CPU time it took, in nanoseconds. */
    interface Round {
        long run(int round) throws Exception;
    }

    private JitWarmup() {
    }

    static void untilQuiet(ProcessHandle server, int rounds, double jitShare, Round round) throws Exception {
        for (int r = 1; r <= rounds; r++) {
            long jit0 = BenchmarkRunner.jitNanos(server);
            long cpu = round.run(r);
            long jit1 = BenchmarkRunner.jitNanos(server);
            if (jit0 < 0 || jit1 < 0) {
                BenchmarkRunner.log("the JIT's time cannot be read (jcmd PerfCounter.print); no further warm-up rounds");
                return;
            }
            double share = (jit1 - jit0) / (double) Math.max(1, cpu);
            BenchmarkRunner.log(String.format(Locale.ROOT, "warm-up round %d: JIT %.1f%% of the server's CPU", r, 100 * share));
            if (share <= jitShare) {
                return;
            }
        }
    }
}
