package io.huddle.streaming.application.session;

import io.huddle.streaming.application.Housekeeping;
import io.huddle.streaming.config.StreamingConfig;
import io.huddle.streaming.hub.ClusterRates;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-user token buckets on this node, whatever the user's connections and paths: one for {@code publish},
 * {@code edit} and {@code delete} ({@code streaming.limits.messages-per-second}, bursts of
 * {@code streaming.limits.messages-burst}), one for every other command (bursts of twice the rate). A user's
 * budget outlives their connections, so reconnecting never refills it early; a bucket is forgotten
 * ({@link Housekeeping}) only once it has filled up again, when a fresh one would be the same, so the buckets kept
 * are bounded by the users active within the last few seconds. In a cluster the message budget is one for all
 * nodes: what the user spent on the other nodes ({@link ClusterRates}, reported every 100 ms) is charged to this
 * node's bucket before the next token is taken. Thread-safe.
 */
@ApplicationScoped
public class RateLimiter {

    /** Which budget a command spends. */
    public enum Budget { MESSAGES, COMMANDS }

    @Inject
    StreamingConfig config;

    /** What users spent of their message budget on the other nodes of a cluster. */
    @Inject
    ClusterRates cluster;

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
        double rate = rate(budget);
        if (budget == Budget.MESSAGES) {
            bucket.charge(cluster.takeSpentElsewhere(user), rate, now);
        }
        long waitNanos = bucket.take(rate, now);
        if (waitNanos > 0) {
            throw new HuddleException(ErrorCode.RATE_LIMITED, "too many " + (budget == Budget.MESSAGES
                    ? "messages" : "commands") + ": at most " + (long) rate + " per second",
                    Math.max(1, waitNanos / 1_000_000));
        }
        if (budget == Budget.MESSAGES) {
            cluster.spent(user);
        }
    }

    private double rate(Budget budget) {
        return budget == Budget.MESSAGES ? messageRate : commandRate;
    }

    /** Drops the buckets that have filled up again (a fresh bucket would be the same); returns how many. */
    public int forgetFull() {
        long now = System.nanoTime();
        int before = messages.size() + commands.size();
        messages.entrySet().removeIf(e -> e.getValue().fullAt(messageRate, now));
        commands.entrySet().removeIf(e -> e.getValue().fullAt(commandRate, now));
        return before - messages.size() - commands.size();
    }

    /** How many users have a bucket kept (one not yet full again). */
    public int trackedUsers() {
        Set<String> users = new HashSet<>(messages.keySet());
        users.addAll(commands.keySet());
        return users.size();
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

        /** Takes {@code spent} tokens spent elsewhere, down to an empty bucket's worth of debt at most. */
        synchronized void charge(int spent, double ratePerSecond, long now) {
            if (spent > 0) {
                tokens = Math.min(capacity, tokens + (now - updated) * ratePerSecond / 1e9);
                updated = now;
                tokens = Math.max(-capacity, tokens - spent);
            }
        }

        /** Whether the bucket has refilled to capacity by {@code now}. */
        synchronized boolean fullAt(double ratePerSecond, long now) {
            return tokens + (now - updated) * ratePerSecond / 1e9 >= capacity;
        }
    }
}
