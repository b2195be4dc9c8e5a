package io.huddle.streaming.application;

import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-user token buckets, shared by all of a user's connections on this node: one for {@code publish},
 * {@code edit} and {@code delete} ({@code streaming.limits.messages-per-second}, bursts of
 * {@code streaming.limits.messages-burst}), one for every other command. Thread-safe.
 */
@ApplicationScoped
public class RateLimiter {

    /** Which budget a command spends. */
    public enum Budget { MESSAGES, COMMANDS }

    @Inject
    StreamingConfig config;

    private final Map<String, Bucket> messages = new ConcurrentHashMap<>();
    private final Map<String, Bucket> commands = new ConcurrentHashMap<>();
    private double messageRate;
    private double commandRate;

    @PostConstruct
    void read() {
        messageRate = config.messagesPerSecond();
        commandRate = config.commandsPerSecond();
    }

    /** Takes one token of {@code budget} for {@code user}, or fails with {@code rate_limited} and a retry delay. */
    public void acquire(String user, Budget budget) {
        long now = System.nanoTime();
        Bucket bucket = budget == Budget.MESSAGES
                ? messages.computeIfAbsent(user, u -> new Bucket(config.messagesBurst(), now))
                : commands.computeIfAbsent(user, u -> new Bucket(2.0 * config.commandsPerSecond(), now));
        double rate = budget == Budget.MESSAGES ? messageRate : commandRate;
        long waitNanos = bucket.take(rate, now);
        if (waitNanos > 0) {
            throw new HuddleException(ErrorCode.RATE_LIMITED, "too many " + (budget == Budget.MESSAGES
                    ? "messages" : "commands") + ": at most " + (long) rate + " per second",
                    Math.max(1, waitNanos / 1_000_000));
        }
    }

    /** Forgets a user who has no connection left (their buckets would be full again anyway). */
    public void forget(String user) {
        messages.remove(user);
        commands.remove(user);
    }

    /** A token bucket. */
    private static final class Bucket {

        private final double capacity;
        private double tokens;
        private long updated;

        Bucket(double capacity, long now) {
            this.capacity = capacity;
            this.tokens = capacity;
            this.updated = now;
        }

        /** Takes a token; returns 0, or how long until one is available. */
        synchronized long take(double ratePerSecond, long now) {
            tokens = Math.min(capacity, tokens + (now - updated) * ratePerSecond / 1e9);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) * 1e9 / ratePerSecond);
        }
    }
}
