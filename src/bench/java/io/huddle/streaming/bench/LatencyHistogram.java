package io.huddle.streaming.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in fixed buckets: 1 µs wide below 100 ms, 1 ms wide from 100 ms to 60 s (anything longer counts as
 * 60 s). Recording is lock-free. A percentile is reported as the upper bound of its bucket.
 */
final class LatencyHistogram {

    private static final int MICRO_BUCKETS = 100_000;
    private static final int MILLI_BUCKETS = 60_000 - 100;

    private final AtomicLongArray buckets = new AtomicLongArray(MICRO_BUCKETS + MILLI_BUCKETS);
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong maxNanos = new AtomicLong();

    void record(long nanos) {
        long value = Math.max(0, nanos);
        long micros = value / 1_000;
        int bucket;
        if (micros < MICRO_BUCKETS) {
            bucket = (int) micros;
        } else {
            bucket = MICRO_BUCKETS + (int) Math.min(micros / 1_000 - 100, MILLI_BUCKETS - 1);
        }
        buckets.incrementAndGet(bucket);
        count.incrementAndGet();
        maxNanos.accumulateAndGet(value, Math::max);
    }

    long count() {
        return count.get();
    }

    /** The latency at {@code fraction} (0.5 for the median), in milliseconds; NaN when empty. */
    double percentileMillis(double fraction) {
        long total = count.get();
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int i = 0; i < buckets.length(); i++) {
            seen += buckets.get(i);
            if (seen >= rank) {
                return i < MICRO_BUCKETS ? (i + 1) / 1_000.0 : (i - MICRO_BUCKETS + 101);
            }
        }
        return maxMillis();
    }

    double maxMillis() {
        return maxNanos.get() / 1_000_000.0;
    }
}
